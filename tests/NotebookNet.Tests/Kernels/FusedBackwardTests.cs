using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

public class FusedBackwardTests
{
    [Theory]
    [InlineData(40, 784)]
    [InlineData(10, 40)]
    [InlineData(3, 5)]
    [InlineData(17, 9)]
    public void Equals_gemv_then_ger_in_double(int m, int n) => Check<double>(m, n, 1e-12);

    [Theory]
    [InlineData(40, 784)]
    [InlineData(13, 7)]
    public void Equals_gemv_then_ger_in_float(int m, int n) => Check<float>(m, n, 1e-4);

    private static void Check<T>(int m, int n, double tolerance) where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng((uint)(m * 1000 + n));
        T[] Random(int length) => Enumerable.Range(0, length).Select(_ => T.CreateChecked(rng.NextGaussian())).ToArray();
        var a = Random(m * n);
        var u = Random(m);
        var v = Random(n);
        T alpha = T.CreateChecked(-0.1);
        var expectedA = (T[])a.Clone();
        var expectedY = new T[n];
        Blas.Gemm(true, false, n, 1, m, T.One, expectedA, m, u, m, T.Zero, expectedY, n);
        Blas.Ger(m, n, alpha, u, v, expectedA, m);

        var y = new T[n];
        Blas.GemvTransposedThenGer(m, n, alpha, a, m, u, v, y);

        for (int j = 0; j < n; j++) Assert.True(Math.Abs(double.CreateChecked(y[j] - expectedY[j])) <= tolerance * (1 + m), $"y[{j}]");
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(double.CreateChecked(a[i] - expectedA[i])) <= tolerance, $"a[{i}]");
    }
}
