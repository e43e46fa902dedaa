using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

/// <summary>Tests that switch <see cref="Simd.Wide"/>, a process-wide setting: they run alone.</summary>
[CollectionDefinition(nameof(KernelWidth), DisableParallelization = true)]
public sealed class KernelWidth;

/// <summary>
/// The 512-bit kernels give the same bits as the 256-bit ones, so a machine with AVX-512 and one without print the
/// same digits. Each product runs twice, <see cref="Simd.Wide"/> off then on, and every element must match bit for bit.
/// On a machine without AVX-512 the switch stays off and only that is checked.
/// </summary>
[Collection(nameof(KernelWidth))]
public class WideKernelTests
{
    // Around one and two Mr-row panels (16/32 floats, 8/16 doubles), Mc (144/72), the Nr = 6 tile and Kc = 256.
    private static readonly int[] Rows = [1, 5, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47, 48, 64, 72, 73, 100, 144, 150, 300];
    private static readonly int[] Columns = [1, 5, 6, 7, 12, 13, 49, 100, 131];
    private static readonly int[] Depths = [1, 2, 3, 7, 32, 150, 257, 600];
    // Betas that round when multiplied (0.3, 1.1) so a change in the order of the last step shows.
    private static readonly (double Alpha, double Beta)[] AlphaBetas = [(1, 0), (1, 1), (-0.75, 0.3), (0.7, 1.1)];

    [Fact]
    public void The_switch_is_on_exactly_where_the_machine_has_AVX512()
    {
        bool before = Simd.Wide;
        try
        {
            Simd.Wide = true;
            Assert.Equal(Simd.WideAvailable, Simd.Wide);
            Simd.Wide = false;
            Assert.False(Simd.Wide);
        }
        finally { Simd.Wide = before; }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Gemm_gives_the_same_bits_at_both_widths(bool transA, bool transB)
    {
        var rng = new Rng(11 + (transA ? 1u : 0) + (transB ? 2u : 0));
        int compared = 0;
        for (int trial = 0; trial < 40; trial++)
        {
            int m = Rows[rng.NextInt(Rows.Length)], n = Columns[rng.NextInt(Columns.Length)], k = Depths[rng.NextInt(Depths.Length)];
            var (alpha, beta) = AlphaBetas[rng.NextInt(AlphaBetas.Length)];
            compared += Compare<float>(rng, transA, transB, m, n, k, (float)alpha, (float)beta);
            compared += Compare<double>(rng, transA, transB, m, n, k, alpha, beta);
        }
        Assert.True(compared > 0);
    }

    [Fact]
    public void Implicit_convolution_products_give_the_same_bits_at_both_widths()
    {
        // LeNet-5's layers and odd ones: the forward product, the weight gradient and the input gradient.
        var rng = new Rng(12);
        foreach (var (channels, size, kernel, padding, depth) in new[] { (1, 28, 5, 2, 32), (32, 14, 5, 2, 64), (8, 13, 3, 0, 16), (3, 9, 3, 1, 40), (2, 7, 5, 2, 17) })
        {
            var g = new ConvGeometry(channels, size, size, kernel, 1, padding);
            var image = BlasGemmTests.Random<float>(rng, g.ImageSize);
            var padded = new float[ImplicitGemmConv.PaddedLength(g)];
            ImplicitGemmConv.Pad<float>(image, g, padded);
            var weights = BlasGemmTests.Random<float>(rng, depth * g.PatchSize);
            var bias = BlasGemmTests.Random<float>(rng, depth);
            var dy = BlasGemmTests.Random<float>(rng, g.Positions * depth);

            var (narrow, wide) = AtBothWidths(() =>
            {
                var y = new float[g.Positions * depth];
                ImplicitGemmConv.Forward<float>(padded, g, weights, [], depth, bias, y);
                var dw = new float[depth * g.PatchSize];
                ImplicitGemmConv.AddWeightGradient<float>(dy, padded, g, depth, dw);
                var back = ImplicitGemmConv.InputGradientGeometry(g, depth);
                var paddedDy = new float[ImplicitGemmConv.PaddedLength(back)];
                ImplicitGemmConv.Pad<float>(dy, back, paddedDy);
                var flipped = new float[depth * g.PatchSize];
                ImplicitGemmConv.FlipWeights<float>(weights, g, depth, flipped);
                var dx = new float[back.Positions * channels];
                ImplicitGemmConv.Forward<float>(paddedDy, back, flipped, [], channels, [], dx);
                return y.Concat(dw).Concat(dx).ToArray();
            });
            AssertSameBits(narrow, wide, $"convolution {channels}x{size}x{size} k{kernel} p{padding} d{depth}");
        }
    }

    private static int Compare<T>(Rng rng, bool transA, bool transB, int m, int n, int k, T alpha, T beta)
        where T : struct, IFloatingPointIeee754<T>
    {
        int lda = (transA ? k : m) + 1, ldb = (transB ? n : k) + 2, ldc = m + 1;
        var a = BlasGemmTests.Random<T>(rng, lda * (transA ? m : k));
        var b = BlasGemmTests.Random<T>(rng, ldb * (transB ? k : n));
        var c0 = BlasGemmTests.Random<T>(rng, ldc * n);
        var (narrow, wide) = AtBothWidths(() =>
        {
            var c = (T[])c0.Clone();
            Blas.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return c;
        });
        AssertSameBits(narrow, wide, $"{typeof(T).Name} ta={transA} tb={transB} m={m} n={n} k={k} alpha={alpha} beta={beta}");
        return narrow.Length;
    }

    private static (T[] Narrow, T[] Wide) AtBothWidths<T>(Func<T[]> run)
    {
        bool before = Simd.Wide;
        try
        {
            Simd.Wide = false;
            var narrow = run();
            Simd.Wide = true;
            var wide = run();
            return (narrow, wide);
        }
        finally { Simd.Wide = before; }
    }

    private static void AssertSameBits<T>(T[] narrow, T[] wide, string what) where T : struct, IFloatingPointIeee754<T>
    {
        Assert.Equal(narrow.Length, wide.Length);
        for (int i = 0; i < narrow.Length; i++)
            if (BitConverter.DoubleToInt64Bits(double.CreateChecked(narrow[i])) != BitConverter.DoubleToInt64Bits(double.CreateChecked(wide[i])))
                Assert.Fail($"{what}: element {i} is {narrow[i]} at 256 bits but {wide[i]} at 512 bits.");
    }
}
