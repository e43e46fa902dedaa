using System.Numerics;

namespace NotebookNet.Kernels;

/// <summary>
/// The few BLAS routines the layers need, on column-major storage (MathNet's layout).
/// This is the one place where speed lives: layers call these, never loop over elements themselves.
/// </summary>
public static class Blas
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C, where op(X) is X or Xᵀ; C is m×n, op(A) m×k, op(B) k×n.</summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : struct, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T aip = transA ? a[i * lda + p] : a[p * lda + i];
                    T bpj = transB ? b[p * ldb + j] : b[j * ldb + p];
                    sum += aip * bpj;
                }
                ref T cij = ref c[j * ldc + i];
                cij = beta == T.Zero ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }

    /// <summary>A += alpha·x·yᵀ (rank-one update); A is m×n.</summary>
    public static void Ger<T>(int m, int n, T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> a, int lda)
        where T : struct, IFloatingPointIeee754<T>
    {
        for (int j = 0; j < n; j++)
        {
            T yj = y[j];
            for (int i = 0; i < m; i++)
                a[j * lda + i] += alpha * (x[i] * yj);
        }
    }
}
