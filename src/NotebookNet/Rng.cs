namespace NotebookNet;

/// <summary>
/// The seedable generator every random draw in NotebookNet comes from. It is NumPy's legacy
/// <c>np.random</c> (MT19937 with the polar Box–Muller <c>randn</c>), so <c>Rng.Shared.Seed(0)</c>
/// followed by <c>new Dense&lt;double&gt;(784, 40)</c> draws the same weights as
/// <c>np.random.seed(0); Dense(784, 40)</c> in the tutorial.
/// </summary>
public sealed class Rng
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>
    /// NumPy's global state for the tutorial's mirror: <c>new Dense&lt;double&gt;(…)</c> draws from it when given no
    /// generator. Everything else in the library takes its generator explicitly.
    /// </summary>
    public static Rng Shared { get; } = new(0);

    /// <summary>A generator seeded like <c>np.random.seed(seed)</c>.</summary>
    public Rng(uint seed) => Seed(seed);

    /// <summary>Restarts the sequence, exactly as <c>np.random.seed(seed)</c> does.</summary>
    public void Seed(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
        _hasGauss = false;
        _gauss = 0;
    }

    /// <summary>The next raw 32-bit output of MT19937.</summary>
    public uint NextUInt32()
    {
        if (_index >= N) Twist();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits, as <c>np.random.random_sample()</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A standard normal draw, as <c>np.random.randn()</c> (legacy polar method, cached pair).</summary>
    public double NextGaussian()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>Uniform integer in [0, maxExclusive), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        ulong limit = (1UL << 32) - ((1UL << 32) % range);
        ulong r;
        do r = NextUInt32(); while (r >= limit);
        return (int)(r % range);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private void Twist()
    {
        for (int i = 0; i < N; i++)
        {
            uint y = (_mt[i] & 0x80000000u) | (_mt[(i + 1) % N] & 0x7fffffffu);
            uint v = _mt[(i + M) % N] ^ (y >> 1);
            if ((y & 1) != 0) v ^= 0x9908b0dfu;
            _mt[i] = v;
        }
        _index = 0;
    }
}
