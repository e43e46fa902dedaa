using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// Matrix–vector products, the n = 1 (and m = 1) shapes of GEMM that the per-sample training loop
/// calls hundreds of thousands of times: no packing, no threads, no allocation, just one pass over A.
/// </summary>
internal static unsafe class Gemv
{
    /// <summary>
    /// y = alpha·A·x + beta·y, with A m×k column-major (leading dimension <paramref name="lda"/>),
    /// x strided by <paramref name="incx"/> and y contiguous. A is swept four columns at a time so each
    /// y vector is loaded and stored once per four FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NoTrans<T>(int m, int k, T alpha, T* a, nint lda, T* x, nint incx, T beta, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vectors.Scale(y, m, beta);
        if (alpha == T.Zero) return;
        nint w = Vector256<T>.Count;
        int p = 0;
        for (; p + 4 <= k; p += 4)
        {
            T s0 = alpha * x[p * incx], s1 = alpha * x[(p + 1) * incx];
            T s2 = alpha * x[(p + 2) * incx], s3 = alpha * x[(p + 3) * incx];
            var x0 = Vector256.Create(s0);
            var x1 = Vector256.Create(s1);
            var x2 = Vector256.Create(s2);
            var x3 = Vector256.Create(s3);
            T* a0 = a + p * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            nint i = 0;
            for (; i + w <= m; i += w)
            {
                var acc = Simd.MulAdd(Vector256.Load(a0 + i), x0, Vector256.Load(y + i));
                acc = Simd.MulAdd(Vector256.Load(a1 + i), x1, acc);
                acc = Simd.MulAdd(Vector256.Load(a2 + i), x2, acc);
                acc = Simd.MulAdd(Vector256.Load(a3 + i), x3, acc);
                acc.Store(y + i);
            }
            for (; i < m; i++)
                y[i] += a0[i] * s0 + a1[i] * s1 + a2[i] * s2 + a3[i] * s3;
        }
        for (; p < k; p++) Vectors.AddScaled(m, alpha * x[p * incx], a + p * lda, y);
    }

    /// <summary>
    /// y = alpha·Aᵀ·x + beta·y, with A k×m column-major (so each y element is the dot product of one
    /// contiguous column of A with x), x contiguous and y strided by <paramref name="incy"/>.
    /// Eight columns are reduced together so eight independent FMA chains hide the FMA latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Trans<T>(int m, int k, T alpha, T* a, nint lda, T* x, T beta, T* y, nint incy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        nint kv = k - k % (int)w;
        int i = 0;
        for (; i + 8 <= m; i += 8)
        {
            T* a0 = a + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            T* a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
            Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default;
            Vector256<T> c4 = default, c5 = default, c6 = default, c7 = default;
            for (nint p = 0; p < kv; p += w)
            {
                var xv = Vector256.Load(x + p);
                c0 = Simd.MulAdd(Vector256.Load(a0 + p), xv, c0);
                c1 = Simd.MulAdd(Vector256.Load(a1 + p), xv, c1);
                c2 = Simd.MulAdd(Vector256.Load(a2 + p), xv, c2);
                c3 = Simd.MulAdd(Vector256.Load(a3 + p), xv, c3);
                c4 = Simd.MulAdd(Vector256.Load(a4 + p), xv, c4);
                c5 = Simd.MulAdd(Vector256.Load(a5 + p), xv, c5);
                c6 = Simd.MulAdd(Vector256.Load(a6 + p), xv, c6);
                c7 = Simd.MulAdd(Vector256.Load(a7 + p), xv, c7);
            }
            T s0 = Vector256.Sum(c0), s1 = Vector256.Sum(c1), s2 = Vector256.Sum(c2), s3 = Vector256.Sum(c3);
            T s4 = Vector256.Sum(c4), s5 = Vector256.Sum(c5), s6 = Vector256.Sum(c6), s7 = Vector256.Sum(c7);
            for (nint p = kv; p < k; p++)
            {
                T xp = x[p];
                s0 += a0[p] * xp; s1 += a1[p] * xp; s2 += a2[p] * xp; s3 += a3[p] * xp;
                s4 += a4[p] * xp; s5 += a5[p] * xp; s6 += a6[p] * xp; s7 += a7[p] * xp;
            }
            T* yi = y + i * incy;
            Put(yi, alpha, s0, beta); yi += incy;
            Put(yi, alpha, s1, beta); yi += incy;
            Put(yi, alpha, s2, beta); yi += incy;
            Put(yi, alpha, s3, beta); yi += incy;
            Put(yi, alpha, s4, beta); yi += incy;
            Put(yi, alpha, s5, beta); yi += incy;
            Put(yi, alpha, s6, beta); yi += incy;
            Put(yi, alpha, s7, beta);
        }
        for (; i < m; i++)
        {
            T* ai = a + i * lda;
            Vector256<T> c0 = default, c1 = default;
            nint p = 0;
            for (; p + 2 * w <= kv; p += 2 * w)
            {
                c0 = Simd.MulAdd(Vector256.Load(ai + p), Vector256.Load(x + p), c0);
                c1 = Simd.MulAdd(Vector256.Load(ai + p + w), Vector256.Load(x + p + w), c1);
            }
            for (; p < kv; p += w)
                c0 = Simd.MulAdd(Vector256.Load(ai + p), Vector256.Load(x + p), c0);
            T s = Vector256.Sum(c0 + c1);
            for (; p < k; p++) s += ai[p] * x[p];
            Put(y + i * incy, alpha, s, beta);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(T* y, T alpha, T sum, T beta) where T : unmanaged, IFloatingPointIeee754<T> =>
        *y = beta == T.Zero ? alpha * sum : alpha * sum + beta * *y;
}
