using System.Numerics;

namespace NotebookNet.Tests.Kernels;

/// <summary>
/// The textbook triple loop, accumulated in double whatever T is, plus the magnitude Σ|alpha·a·b| + |beta·c|
/// of every result element so tests can use the standard rounding-error bound instead of a guessed tolerance.
/// </summary>
internal static class ReferenceBlas
{
    public static (double[] Value, double[] Magnitude) Gemm<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, T[] a, int lda, T[] b, int ldb, T beta, T[] c, int ldc)
        where T : struct, IFloatingPointIeee754<T>
    {
        var value = new double[m * n];
        var magnitude = new double[m * n];
        double al = double.CreateChecked(alpha), be = double.CreateChecked(beta);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                double sum = 0, abs = 0;
                if (al != 0)
                {
                    for (int p = 0; p < k; p++)
                    {
                        double x = double.CreateChecked(transA ? a[i * lda + p] : a[p * lda + i]);
                        double y = double.CreateChecked(transB ? b[p * ldb + j] : b[j * ldb + p]);
                        sum += x * y;
                        abs += Math.Abs(x * y);
                    }
                }
                double old = be == 0 ? 0 : double.CreateChecked(c[j * ldc + i]);
                value[j * m + i] = al * sum + be * old;
                magnitude[j * m + i] = Math.Abs(al) * abs + Math.Abs(be * old);
            }
        }
        return (value, magnitude);
    }
}
