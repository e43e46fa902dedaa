using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// The few BLAS routines the layers need, on column-major storage (MathNet's layout). Layers reach them through
/// <c>Tensors.Ops</c>, which names each product after its equation; the speed lives here.
/// float and double run on AVX2/FMA kernels (packed, cache-blocked and multithreaded for big products;
/// dedicated matrix–vector and rank-one paths for the per-sample shapes); other element types, or a CPU
/// without those instructions, take a plain scalar path with the same semantics.
/// </summary>
public static class Blas
{
    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C, where op(X) is X or Xᵀ; C is m×n, op(A) m×k, op(B) k×n.
    /// As in BLAS, beta = 0 overwrites C without reading it (NaN in C is discarded) and alpha = 0 or
    /// k = 0 leaves A and B unread.
    /// </summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : struct, IFloatingPointIeee754<T>
    {
        BlasArguments.CheckGemm(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (Simd.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                SimdBlas.Gemm(transA, transB, m, n, k, Unsafe.As<T, float>(ref alpha),
                    MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(b), ldb,
                    Unsafe.As<T, float>(ref beta), MemoryMarshal.Cast<T, float>(c), ldc);
                return;
            }
            if (typeof(T) == typeof(double))
            {
                SimdBlas.Gemm(transA, transB, m, n, k, Unsafe.As<T, double>(ref alpha),
                    MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(b), ldb,
                    Unsafe.As<T, double>(ref beta), MemoryMarshal.Cast<T, double>(c), ldc);
                return;
            }
        }
        ScalarBlas.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>A += alpha·x·yᵀ (rank-one update); A is m×n.</summary>
    public static void Ger<T>(int m, int n, T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> a, int lda)
        where T : struct, IFloatingPointIeee754<T>
    {
        BlasArguments.CheckGer(m, n, x.Length, y.Length, a.Length, lda);
        if (m == 0 || n == 0) return;
        if (Simd.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                SimdBlas.Ger(m, n, Unsafe.As<T, float>(ref alpha), MemoryMarshal.Cast<T, float>(x),
                    MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(a), lda);
                return;
            }
            if (typeof(T) == typeof(double))
            {
                SimdBlas.Ger(m, n, Unsafe.As<T, double>(ref alpha), MemoryMarshal.Cast<T, double>(x),
                    MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(a), lda);
                return;
            }
        }
        ScalarBlas.Ger(m, n, alpha, x, y, a, lda);
    }

    /// <summary>
    /// y = Aᵀ·u, then A += alpha·u·vᵀ (A is m×n, u of length m, v and y of length n), in one pass over A.
    /// y is computed from A before the update: this is a dense layer's backward step for one sample with
    /// plain SGD (u = ∂L/∂output, v = the input, alpha = −learning rate, y = ∂L/∂input).
    /// </summary>
    public static void GemvTransposedThenGer<T>(int m, int n, T alpha, Span<T> a, int lda,
        ReadOnlySpan<T> u, ReadOnlySpan<T> v, Span<T> y)
        where T : struct, IFloatingPointIeee754<T>
    {
        BlasArguments.CheckGer(m, n, u.Length, v.Length, a.Length, lda);
        if (y.Length < n) throw new ArgumentException($"y has {y.Length} elements, needs {n}.", nameof(y));
        if (m == 0 || n == 0) return;
        if (Simd.IsSupported && typeof(T) == typeof(float))
        {
            FusedBackward(m, n, Unsafe.As<T, float>(ref alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(u), MemoryMarshal.Cast<T, float>(v), MemoryMarshal.Cast<T, float>(y));
            return;
        }
        if (Simd.IsSupported && typeof(T) == typeof(double))
        {
            FusedBackward(m, n, Unsafe.As<T, double>(ref alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(u), MemoryMarshal.Cast<T, double>(v), MemoryMarshal.Cast<T, double>(y));
            return;
        }
        Gemm(true, false, n, 1, m, T.One, a, lda, u, m, T.Zero, y, n);
        Ger(m, n, alpha, u, v, a, lda);
    }

    /// <summary>
    /// A += alpha·u·vᵀ, then y += A·x with A as updated (A is m×n, u and y of length m, v and x of length n), in one
    /// pass over A: a dense layer's SGD step on one sample followed by its forward pass on the next (y holding the
    /// bias). The result is bit for bit that of the two products apart, <c>Gemm(NoTrans, Trans, m, n, 1, alpha, u, v, 1, A)</c>
    /// then <c>Gemm(NoTrans, NoTrans, m, 1, n, 1, A, x, 1, y)</c>.
    /// </summary>
    public static void GerThenGemv<T>(int m, int n, T alpha, ReadOnlySpan<T> u, ReadOnlySpan<T> v, Span<T> a, int lda,
        ReadOnlySpan<T> x, Span<T> y)
        where T : struct, IFloatingPointIeee754<T>
    {
        BlasArguments.CheckGer(m, n, u.Length, v.Length, a.Length, lda);
        if (x.Length < n) throw new ArgumentException($"x has {x.Length} elements, needs {n}.", nameof(x));
        if (y.Length < m) throw new ArgumentException($"y has {y.Length} elements, needs {m}.", nameof(y));
        if (m == 0 || n == 0) return;
        // Gemm routes a one-row or one-column A (and a zero alpha) to other kernels whose rounding differs: those take the two calls.
        bool fused = Simd.IsSupported && m > 1 && n > 1 && alpha != T.Zero;
        if (fused && typeof(T) == typeof(float))
        {
            FusedStepThenForward(m, n, Unsafe.As<T, float>(ref alpha), MemoryMarshal.Cast<T, float>(u), MemoryMarshal.Cast<T, float>(v),
                MemoryMarshal.Cast<T, float>(a), lda, MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y));
            return;
        }
        if (fused && typeof(T) == typeof(double))
        {
            FusedStepThenForward(m, n, Unsafe.As<T, double>(ref alpha), MemoryMarshal.Cast<T, double>(u), MemoryMarshal.Cast<T, double>(v),
                MemoryMarshal.Cast<T, double>(a), lda, MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(y));
            return;
        }
        Gemm(false, true, m, n, 1, alpha, u, m, v, n, T.One, a, lda);
        Gemm(false, false, m, 1, n, T.One, a, lda, x, n, T.One, y, m);
    }

    private static unsafe void FusedStepThenForward<T>(int m, int n, T alpha, ReadOnlySpan<T> u, ReadOnlySpan<T> v, Span<T> a, int lda,
        ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pu = u, pv = v, px = x, py = y)
            Vectors.AddOuterThenProduct(m, n, alpha, pu, pv, pa, lda, px, py);
    }

    private static unsafe void FusedBackward<T>(int m, int n, T alpha, Span<T> a, int lda,
        ReadOnlySpan<T> u, ReadOnlySpan<T> v, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pu = u, pv = v, py = y)
            Vectors.TransposedProductThenAddOuter(m, n, alpha, pu, pv, pa, lda, py);
    }
}
