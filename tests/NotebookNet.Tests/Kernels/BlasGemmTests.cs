using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

public class BlasGemmTests
{
    // Edge sizes around the vector widths (8 floats, 4 doubles), the 16/8×6 micro-tile, the packing
    // blocks (Mc = 144/72, Kc = 256) and a few primes.
    private static readonly int[] Sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15, 16, 17, 23, 31, 33, 47, 64, 73, 97];

    public static TheoryData<bool, bool> Transposes => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    [Theory]
    [MemberData(nameof(Transposes))]
    public void RandomShapesMatchReferenceFloat(bool transA, bool transB) => RandomShapes<float>(transA, transB, 1);

    [Theory]
    [MemberData(nameof(Transposes))]
    public void RandomShapesMatchReferenceDouble(bool transA, bool transB) => RandomShapes<double>(transA, transB, 2);

    [Theory]
    [MemberData(nameof(Transposes))]
    public void BlockedAndThreadedShapesMatchReference(bool transA, bool transB)
    {
        // Crosses every blocking boundary (m > Mc, k > Kc) and is big enough to be split across threads.
        var rng = new Rng(3);
        Check<float>(rng, transA, transB, 150, 131, 300, 1f, 0f, pad: 3);
        Check<double>(rng, transA, transB, 150, 131, 300, 1.0, 0.5, pad: 0);
        Check<float>(rng, transA, transB, 37, 700, 260, -0.5f, 1f, pad: 1);
        Check<double>(rng, transA, transB, 300, 29, 270, 2.0, 0.0, pad: 2);
        // Few rows and deep k: B is streamed one panel at a time in several deep k blocks.
        Check<double>(rng, transA, transB, 20, 31, 1100, 1.0, 1.0, pad: 0);
        Check<float>(rng, transA, transB, 16, 13, 2100, 1f, 0f, pad: 1);
    }

    [Theory]
    [MemberData(nameof(Transposes))]
    public void VectorShapesMatchReference(bool transA, bool transB)
    {
        // n = 1 and m = 1 take the matrix–vector kernels, k = 1 the rank-one kernel.
        var rng = new Rng(4);
        foreach (int size in new[] { 1, 3, 8, 17, 40, 784 })
        {
            foreach (var (alpha, beta) in AlphaBetas)
            {
                Check<double>(rng, transA, transB, size, 1, 40, alpha, beta, pad: 1);
                Check<double>(rng, transA, transB, 40, 1, size, alpha, beta, pad: 0);
                Check<float>(rng, transA, transB, 1, size, 33, (float)alpha, (float)beta, pad: 2);
                Check<double>(rng, transA, transB, size, 19, 1, alpha, beta, pad: 1);
                Check<float>(rng, transA, transB, 19, size, 1, (float)alpha, (float)beta, pad: 0);
            }
        }
    }

    [Fact]
    public void TutorialShapesMatchReference()
    {
        var rng = new Rng(5);
        Check<double>(rng, false, false, 40, 1, 784, 1.0, 1.0, pad: 0);   // Dense forward, one sample
        Check<double>(rng, true, false, 784, 1, 40, 1.0, 0.0, pad: 0);    // input gradient Wᵀ·g
        Check<double>(rng, false, true, 40, 784, 1, 1.0, 0.0, pad: 0);    // weight gradient g·xᵀ
        Check<double>(rng, false, false, 10, 64, 40, 1.0, 1.0, pad: 0);   // a mini-batch
    }

    [Fact]
    public void BetaZeroIgnoresNaNInC()
    {
        var rng = new Rng(6);
        foreach (var (m, n, k) in new[] { (20, 14, 9), (40, 1, 30), (1, 30, 12), (9, 10, 1), (5, 5, 0), (200, 90, 260) })
        {
            var a = Random<float>(rng, m * k);
            var b = Random<float>(rng, k * n);
            var c = Enumerable.Repeat(float.NaN, m * n).ToArray();
            Blas.Gemm(false, false, m, n, k, 1f, a, m, b, Math.Max(1, k), 0f, c, m);
            Assert.All(c, x => Assert.False(float.IsNaN(x)));
        }
    }

    [Fact]
    public void AlphaZeroOnlyScalesCAndDoesNotReadAOrB()
    {
        var a = Enumerable.Repeat(double.NaN, 12).ToArray();
        var b = Enumerable.Repeat(double.NaN, 12).ToArray();
        var c = new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        Blas.Gemm(false, false, 3, 3, 4, 0.0, a, 3, b, 4, 2.0, c, 3);
        Assert.Equal(new double[] { 2, 4, 6, 8, 10, 12, 14, 16, 18 }, c);
    }

    [Fact]
    public void ZeroSizesAreNoOps()
    {
        var c = new double[] { 1, 2, 3, 4 };
        Blas.Gemm(false, false, 0, 2, 3, 1.0, [], 1, new double[6], 3, 0.0, c, 1);
        Blas.Gemm(false, false, 2, 0, 3, 1.0, new double[6], 2, [], 3, 0.0, c, 2);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, c);
        // k = 0: the product is empty, so C = beta·C.
        Blas.Gemm(false, false, 2, 2, 0, 1.0, [], 2, [], 1, 3.0, c, 2);
        Assert.Equal(new double[] { 3, 6, 9, 12 }, c);
        Blas.Gemm(true, true, 2, 2, 0, 1.0, [], 1, [], 2, 0.0, c, 2);
        Assert.Equal(new double[4], c);
    }

    [Fact]
    public void ScalarFallbackMatchesReference()
    {
        var rng = new Rng(7);
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            int m = 13, n = 7, k = 11, lda = (ta ? k : m) + 2, ldb = (tb ? n : k) + 1, ldc = m + 3;
            var a = Random<double>(rng, lda * (ta ? m : k));
            var b = Random<double>(rng, ldb * (tb ? k : n));
            var c = Random<double>(rng, ldc * n);
            var (expected, magnitude) = ReferenceBlas.Gemm(ta, tb, m, n, k, 0.7, a, lda, b, ldb, -1.5, c, ldc);
            ScalarBlas.Gemm<double>(ta, tb, m, n, k, 0.7, a, lda, b, ldb, -1.5, c, ldc);
            AssertClose(expected, magnitude, c, m, n, ldc, k, 1.2e-16, $"scalar ta={ta} tb={tb}");
        }
    }

    [Fact]
    public void OtherElementTypesUseTheGenericPath()
    {
        var a = new Half[] { (Half)1, (Half)2, (Half)3, (Half)4 };   // [[1, 3], [2, 4]]
        var b = new Half[] { (Half)1, (Half)1 };
        var c = new Half[2];
        Blas.Gemm(false, false, 2, 1, 2, Half.One, a, 2, b, 2, Half.Zero, c, 2);
        Assert.Equal(new[] { (Half)4, (Half)6 }, c);
    }

    [Fact]
    public void BadArgumentsThrowClearly()
    {
        var a = new float[6];
        var c = new float[6];
        var ex = Assert.Throws<ArgumentException>(() => Blas.Gemm(false, false, 3, 2, 3, 1f, a, 3, new float[6], 3, 0f, c, 3));
        Assert.Contains("A (3x3, lda=3) needs 9 elements", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemm(false, false, 3, 2, 2, 1f, a, 2, new float[4], 2, 0f, c, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Blas.Gemm(false, false, -1, 2, 2, 1f, a, 2, new float[4], 2, 0f, c, 3));
        Assert.Throws<ArgumentException>(() => Blas.Gemm(false, false, 3, 2, 2, 1f, a, 3, new float[4], 2, 0f, new float[5], 3));
    }

    private static readonly (double Alpha, double Beta)[] AlphaBetas = [(1, 0), (1, 1), (-0.75, 0.5), (2, 0), (0.3, -1)];

    private static void RandomShapes<T>(bool transA, bool transB, uint seed) where T : struct, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed * 10 + (transA ? 1u : 0) + (transB ? 2u : 0));
        for (int trial = 0; trial < 60; trial++)
        {
            int m = Sizes[rng.NextInt(Sizes.Length)], n = Sizes[rng.NextInt(Sizes.Length)], k = Sizes[rng.NextInt(Sizes.Length)];
            var (alpha, beta) = AlphaBetas[rng.NextInt(AlphaBetas.Length)];
            Check(rng, transA, transB, m, n, k, T.CreateChecked(alpha), T.CreateChecked(beta), pad: rng.NextInt(3));
        }
    }

    private static void Check<T>(Rng rng, bool transA, bool transB, int m, int n, int k, T alpha, T beta, int pad)
        where T : struct, IFloatingPointIeee754<T>
    {
        int rowsA = transA ? k : m, colsA = transA ? m : k, rowsB = transB ? n : k, colsB = transB ? k : n;
        int lda = Math.Max(1, rowsA) + pad, ldb = Math.Max(1, rowsB) + pad, ldc = Math.Max(1, m) + pad;
        var a = Random<T>(rng, lda * colsA);
        var b = Random<T>(rng, ldb * colsB);
        var c = Random<T>(rng, ldc * n);
        if (beta == T.Zero)
            for (int j = 0; j < n; j++)
                for (int i = 0; i < m; i++) c[j * ldc + i] = T.NaN;
        var before = (T[])c.Clone();
        var (expected, magnitude) = ReferenceBlas.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        Blas.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

        string shape = $"{typeof(T).Name} ta={transA} tb={transB} m={m} n={n} k={k} alpha={alpha} beta={beta} pad={pad}";
        AssertClose(expected, magnitude, c, m, n, ldc, k, UnitRoundoff<T>(), shape);
        for (int j = 0; j < n; j++)
            for (int i = m; i < ldc; i++)
                Assert.True(before[j * ldc + i].Equals(c[j * ldc + i]), $"{shape}: padding row {i} of column {j} was written");
    }

    private static double UnitRoundoff<T>() where T : struct, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? 6e-8 : 1.2e-16;

    /// <summary>|computed − exact| ≤ 2·(k + 2)·u·Σ|terms|, the classic dot-product bound with slack for alpha/beta.</summary>
    private static void AssertClose<T>(double[] expected, double[] magnitude, T[] c, int m, int n, int ldc, int k,
        double unitRoundoff, string shape) where T : struct, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                double actual = double.CreateChecked(c[j * ldc + i]);
                double want = expected[j * m + i];
                double tolerance = 2 * (k + 3) * unitRoundoff * magnitude[j * m + i] + 1e-300;
                Assert.True(Math.Abs(actual - want) <= tolerance,
                    $"{shape}: C[{i},{j}] = {actual}, expected {want} (tolerance {tolerance})");
            }
        }
    }

    internal static T[] Random<T>(Rng rng, int length) where T : struct, IFloatingPointIeee754<T>
    {
        var data = new T[length];
        for (int i = 0; i < length; i++) data[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return data;
    }
}
