using System.Numerics;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// The SIMD front end of <see cref="Blas"/> for float and double: routes each GEMM shape to the kernel
/// that suits it (scaling only, matrix–vector, rank-one, or the packed blocked product).
/// Arguments are already validated.
/// </summary>
internal static unsafe class SimdBlas
{
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = &MemoryMarshal.GetReference(a))
        fixed (T* pb = &MemoryMarshal.GetReference(b))
        fixed (T* pc = &MemoryMarshal.GetReference(c))
            Gemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    private static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (k == 0 || alpha == T.Zero)
        {
            // BLAS semantics: A and B are not read, C is only scaled.
            for (int j = 0; j < n; j++) Vectors.Scale(c + j * ldc, m, beta);
            return;
        }

        if (n == 1)
        {
            // op(B) is one column: element p sits at b[p] (or b[p·ldb] when B is a stored row).
            nint incx = transB ? ldb : 1;
            if (!transA)
                Gemv.NoTrans(m, k, alpha, a, lda, b, incx, beta, c);
            else
                Gemv.Trans(m, k, alpha, a, lda, Contiguous(b, incx, k), beta, c, 1);
            return;
        }

        if (m == 1)
        {
            // C is one row: Cᵀ = op(B)ᵀ·op(A)ᵀ, a matrix–vector product on B's storage.
            nint incx = transA ? 1 : lda;
            if (!transB)
                Gemv.Trans(n, k, alpha, b, ldb, Contiguous(a, incx, k), beta, c, ldc);
            else if (ldc == 1)
                Gemv.NoTrans(n, k, alpha, b, ldb, a, incx, beta, c);
            else
            {
                T* y = ScratchBuffer<T>.Slot1(n);
                Vectors.Gather(c, ldc, n, y);
                Gemv.NoTrans(n, k, alpha, b, ldb, a, incx, beta, y);
                for (int j = 0; j < n; j++) c[j * ldc] = y[j];
            }
            return;
        }

        if (k == 1)
        {
            // op(A) is one column u, op(B) one row v: C = beta·C + alpha·u·vᵀ.
            T* u = transA ? Contiguous(a, lda, m) : a;
            Vectors.RankOne(m, n, alpha, u, b, transB ? 1 : ldb, beta, c, ldc);
            return;
        }

        ParallelGemm.Run(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>A = alpha·x·yᵀ + A.</summary>
    public static void Ger<T>(int m, int n, T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> a, int lda)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (alpha == T.Zero) return;
        fixed (T* px = &MemoryMarshal.GetReference(x))
        fixed (T* py = &MemoryMarshal.GetReference(y))
        fixed (T* pa = &MemoryMarshal.GetReference(a))
            Vectors.RankOne(m, n, alpha, px, py, 1, T.One, pa, lda);
    }

    /// <summary>The n strided elements as a contiguous run: the source itself when already contiguous.</summary>
    private static T* Contiguous<T>(T* src, nint inc, int n) where T : unmanaged
    {
        if (inc == 1) return src;
        T* dst = ScratchBuffer<T>.Slot0(n);
        Vectors.Gather(src, inc, n, dst);
        return dst;
    }
}
