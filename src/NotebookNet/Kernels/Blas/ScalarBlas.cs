using System.Numerics;

namespace NotebookNet.Kernels;

/// <summary>
/// Plain generic loops behind <see cref="Blas"/> for element types the SIMD kernels do not handle
/// (Half, NFloat, …) or machines without AVX2/FMA. Same semantics, column-at-a-time (axpy) order so the
/// inner loop walks contiguous memory. Arguments are already validated.
/// </summary>
internal static class ScalarBlas
{
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : struct, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
        {
            var cj = c.Slice(j * ldc, m);
            if (beta == T.Zero) cj.Clear();
            else if (beta != T.One)
                for (int i = 0; i < m; i++) cj[i] *= beta;
            if (alpha == T.Zero) continue;

            if (!transA)
            {
                for (int p = 0; p < k; p++)
                {
                    T t = alpha * (transB ? b[p * ldb + j] : b[j * ldb + p]);
                    var ap = a.Slice(p * lda, m);
                    for (int i = 0; i < m; i++) cj[i] += ap[i] * t;
                }
            }
            else
            {
                for (int i = 0; i < m; i++)
                {
                    var ai = a.Slice(i * lda, k);
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++) sum += ai[p] * (transB ? b[p * ldb + j] : b[j * ldb + p]);
                    cj[i] += alpha * sum;
                }
            }
        }
    }

    public static void Ger<T>(int m, int n, T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> a, int lda)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (alpha == T.Zero) return;
        for (int j = 0; j < n; j++)
        {
            T t = alpha * y[j];
            var aj = a.Slice(j * lda, m);
            for (int i = 0; i < m; i++) aj[i] += x[i] * t;
        }
    }
}
