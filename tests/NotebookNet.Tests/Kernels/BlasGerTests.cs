using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

public class BlasGerTests
{
    [Theory]
    [InlineData(40, 784, 0)]
    [InlineData(1, 1, 0)]
    [InlineData(3, 5, 2)]
    [InlineData(7, 13, 1)]
    [InlineData(8, 8, 0)]
    [InlineData(17, 4, 3)]
    [InlineData(33, 31, 5)]
    [InlineData(100, 3, 0)]
    public void MatchesReference(int m, int n, int pad)
    {
        var rng = new Rng((uint)(m * 1000 + n));
        CheckGer<double>(rng, m, n, pad, -0.01);
        CheckGer<float>(rng, m, n, pad, 1.5f);
    }

    [Fact]
    public void ZeroSizesAndZeroAlphaLeaveAUnchanged()
    {
        var a = new double[] { 1, 2, 3, 4 };
        Blas.Ger(0, 2, 1.0, [], new double[2], a, 1);
        Blas.Ger(2, 0, 1.0, new double[2], [], a, 2);
        Blas.Ger(2, 2, 0.0, new[] { double.NaN, 1 }, new double[] { 1, 1 }, a, 2);
        Assert.Equal(new double[] { 1, 2, 3, 4 }, a);
    }

    [Fact]
    public void ShortVectorsThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => Blas.Ger(3, 2, 1.0, new double[2], new double[2], new double[6], 3));
        Assert.Contains("x has 2 elements", ex.Message);
        Assert.Throws<ArgumentException>(() => Blas.Ger(3, 2, 1.0, new double[3], new double[2], new double[5], 3));
    }

    private static void CheckGer<T>(Rng rng, int m, int n, int pad, T alpha) where T : struct, IFloatingPointIeee754<T>
    {
        int lda = m + pad;
        var x = BlasGemmTests.Random<T>(rng, m);
        var y = BlasGemmTests.Random<T>(rng, n);
        var a = BlasGemmTests.Random<T>(rng, lda * n);
        var before = (T[])a.Clone();
        Blas.Ger(m, n, alpha, x, y, a, lda);
        double tolerance = typeof(T) == typeof(float) ? 1e-6 : 1e-15;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < lda; i++)
            {
                double old = double.CreateChecked(before[j * lda + i]);
                double want = i < m
                    ? old + double.CreateChecked(alpha) * double.CreateChecked(x[i]) * double.CreateChecked(y[j])
                    : old;
                double actual = double.CreateChecked(a[j * lda + i]);
                Assert.True(Math.Abs(actual - want) <= tolerance * 4,
                    $"{typeof(T).Name} m={m} n={n} pad={pad}: A[{i},{j}] = {actual}, expected {want}");
            }
        }
    }
}
