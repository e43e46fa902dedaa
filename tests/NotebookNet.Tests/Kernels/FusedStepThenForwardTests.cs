using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

/// <summary>
/// <see cref="Blas.GerThenGemv{T}"/>, the tutorial's first-layer step fused with the next forward pass, must give the
/// very bits of the two products apart (the tutorial's pinned errors and 61.52 % depend on it): every shape, with the
/// vector and scalar row tails, the four-column groups and the leftover columns, and the one-row/one-column fallbacks.
/// </summary>
public class FusedStepThenForwardTests
{
    [Theory]
    [InlineData(40, 784)]
    [InlineData(10, 40)]
    [InlineData(3, 2)]
    [InlineData(17, 9)]
    [InlineData(6, 4)]
    [InlineData(1, 12)]
    [InlineData(12, 1)]
    public void Equals_ger_then_gemv_bit_for_bit_in_double(int m, int n) => Check<double>(m, n);

    [Theory]
    [InlineData(40, 784)]
    [InlineData(13, 7)]
    [InlineData(9, 16)]
    public void Equals_ger_then_gemv_bit_for_bit_in_float(int m, int n) => Check<float>(m, n);

    [Fact]
    public void Short_buffers_are_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Blas.GerThenGemv(4, 3, -0.1, new double[4], new double[3], new double[12], 4, new double[2], new double[4]));
        Assert.Equal("x", e.ParamName);
        e = Assert.Throws<ArgumentException>(() =>
            Blas.GerThenGemv(4, 3, -0.1, new double[4], new double[3], new double[12], 4, new double[3], new double[3]));
        Assert.Equal("y", e.ParamName);
    }

    private static void Check<T>(int m, int n) where T : struct, IFloatingPointIeee754<T>
    {
        var rng = new Rng((uint)(m * 1000 + n));
        T[] Random(int length) => Enumerable.Range(0, length).Select(_ => T.CreateChecked(rng.NextGaussian())).ToArray();
        var a = Random(m * n);
        var u = Random(m);
        var v = Random(n);
        var x = Random(n);
        var bias = Random(m);
        T alpha = T.CreateChecked(-0.1);

        var expectedA = (T[])a.Clone();
        var expectedY = (T[])bias.Clone();
        Blas.Gemm(false, true, m, n, 1, alpha, u, m, v, n, T.One, expectedA, m);
        Blas.Gemm(false, false, m, 1, n, T.One, expectedA, m, x, n, T.One, expectedY, m);

        var y = (T[])bias.Clone();
        Blas.GerThenGemv(m, n, alpha, u, v, a, m, x, y);

        Assert.Equal(expectedA, a);
        Assert.Equal(expectedY, y);
        Assert.NotEqual(bias, y);
    }
}
