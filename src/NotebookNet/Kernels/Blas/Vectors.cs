using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>Level-1 helpers on contiguous runs, used by the GEMM front end and its special shapes.</summary>
internal static unsafe class Vectors
{
    /// <summary>
    /// y = beta·y. Beta = 0 stores zeros without reading y (so NaN or garbage in y is discarded, as BLAS
    /// requires); beta = 1 leaves y untouched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scale<T>(T* y, int n, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        if (beta == T.Zero)
        {
            new Span<T>(y, n).Clear();
            return;
        }
        nint w = Vector256<T>.Count;
        var vb = Vector256.Create(beta);
        nint i = 0;
        for (; i + w <= n; i += w) (Vector256.Load(y + i) * vb).Store(y + i);
        for (; i < n; i++) y[i] *= beta;
    }

    /// <summary>
    /// C[:, j] = beta·C[:, j] + (alpha·v[j·incv])·u for j &lt; n, with u contiguous of length m: the rank-one
    /// update (GER when beta = 1, GEMM with k = 1 otherwise), vectorised down each contiguous column of C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RankOne<T>(int m, int n, T alpha, T* u, T* v, nint incv, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (beta == T.One)
        {
            AddOuter(m, n, alpha, u, v, incv, c, ldc);
            return;
        }
        nint w = Vector256<T>.Count;
        var vb = Vector256.Create(beta);
        for (int j = 0; j < n; j++, c += ldc)
        {
            T t = alpha * v[j * incv];
            var vt = Vector256.Create(t);
            nint i = 0;
            if (beta == T.Zero)
            {
                for (; i + w <= m; i += w) (Vector256.Load(u + i) * vt).Store(c + i);
                for (; i < m; i++) c[i] = u[i] * t;
            }
            else
            {
                for (; i + w <= m; i += w)
                    Simd.MulAdd(Vector256.Load(u + i), vt, Vector256.Load(c + i) * vb).Store(c + i);
                for (; i < m; i++) c[i] = u[i] * t + beta * c[i];
            }
        }
    }

    /// <summary>
    /// C += (alpha·u)·vᵀ, two columns at a time so each u vector loaded serves two read-modify-writes of C:
    /// the update is bound by L1↔L2 traffic on C (the tutorial's 40×784 weights live in L2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuter<T>(int m, int n, T alpha, T* u, T* v, nint incv, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        int j = 0;
        for (; j + 2 <= n; j += 2)
        {
            T t0 = alpha * v[j * incv], t1 = alpha * v[(j + 1) * incv];
            var v0 = Vector256.Create(t0);
            var v1 = Vector256.Create(t1);
            T* c0 = c + j * ldc, c1 = c0 + ldc;
            nint i = 0;
            for (; i + w <= m; i += w)
            {
                var ui = Vector256.Load(u + i);
                Simd.MulAdd(ui, v0, Vector256.Load(c0 + i)).Store(c0 + i);
                Simd.MulAdd(ui, v1, Vector256.Load(c1 + i)).Store(c1 + i);
            }
            for (; i < m; i++)
            {
                c0[i] += u[i] * t0;
                c1[i] += u[i] * t1;
            }
        }
        if (j < n) AddScaled(m, alpha * v[j * incv], u, c + j * ldc);
    }

    /// <summary>y[0..m) += s·x[0..m) (AXPY on contiguous runs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled<T>(int m, T s, T* x, T* y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        var vs = Vector256.Create(s);
        nint i = 0;
        for (; i + w <= m; i += w)
            Simd.MulAdd(Vector256.Load(x + i), vs, Vector256.Load(y + i)).Store(y + i);
        for (; i < m; i++) y[i] += x[i] * s;
    }

    /// <summary>
    /// For each column j of A (m×n): y[j] = A[:, j]·u with the column as it was, then A[:, j] += (alpha·v[j])·u.
    /// One pass over A instead of two: the per-sample backward step of a dense layer is bound by moving its
    /// weights between L2 and the registers, so reading them once nearly halves its time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposedProductThenAddOuter<T>(int m, int n, T alpha, T* u, T* v, T* a, nint lda, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        for (int j = 0; j < n; j++, a += lda)
        {
            T t = alpha * v[j];
            var vt = Vector256.Create(t);
            var acc0 = Vector256<T>.Zero;
            var acc1 = Vector256<T>.Zero;
            nint i = 0;
            for (; i + 2 * w <= m; i += 2 * w)
            {
                var u0 = Vector256.Load(u + i);
                var u1 = Vector256.Load(u + i + w);
                var a0 = Vector256.Load(a + i);
                var a1 = Vector256.Load(a + i + w);
                acc0 = Simd.MulAdd(a0, u0, acc0);
                acc1 = Simd.MulAdd(a1, u1, acc1);
                Simd.MulAdd(u0, vt, a0).Store(a + i);
                Simd.MulAdd(u1, vt, a1).Store(a + i + w);
            }
            for (; i + w <= m; i += w)
            {
                var u0 = Vector256.Load(u + i);
                var a0 = Vector256.Load(a + i);
                acc0 = Simd.MulAdd(a0, u0, acc0);
                Simd.MulAdd(u0, vt, a0).Store(a + i);
            }
            T dot = Vector256.Sum(acc0 + acc1);
            for (; i < m; i++)
            {
                dot += a[i] * u[i];
                a[i] += u[i] * t;
            }
            y[j] = dot;
        }
    }

    /// <summary>
    /// For each column j of A (m×n): A[:, j] += (alpha·v[j])·u, then y += A[:, j]·x[j] with the column as updated,
    /// four columns per pass over y. Element for element the same operations, in the same order, as
    /// <see cref="AddOuter{T}"/> followed by <see cref="Gemv.NoTrans{T}"/> (alpha 1, beta 1), in one sweep over A
    /// instead of two: the tutorial's first layer stepping on one sample and then reading its next one, both bound by
    /// moving its 40×784 weights between L2 and the registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddOuterThenProduct<T>(int m, int n, T alpha, T* u, T* v, T* a, nint lda, T* x, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        int p = 0;
        for (; p + 4 <= n; p += 4)
        {
            T t0 = alpha * v[p], t1 = alpha * v[p + 1], t2 = alpha * v[p + 2], t3 = alpha * v[p + 3];
            T s0 = x[p], s1 = x[p + 1], s2 = x[p + 2], s3 = x[p + 3];
            var vt0 = Vector256.Create(t0);
            var vt1 = Vector256.Create(t1);
            var vt2 = Vector256.Create(t2);
            var vt3 = Vector256.Create(t3);
            var x0 = Vector256.Create(s0);
            var x1 = Vector256.Create(s1);
            var x2 = Vector256.Create(s2);
            var x3 = Vector256.Create(s3);
            T* a0 = a + p * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            nint i = 0;
            for (; i + w <= m; i += w)
            {
                var ui = Vector256.Load(u + i);
                var c0 = Simd.MulAdd(ui, vt0, Vector256.Load(a0 + i));
                var c1 = Simd.MulAdd(ui, vt1, Vector256.Load(a1 + i));
                var c2 = Simd.MulAdd(ui, vt2, Vector256.Load(a2 + i));
                var c3 = Simd.MulAdd(ui, vt3, Vector256.Load(a3 + i));
                c0.Store(a0 + i);
                c1.Store(a1 + i);
                c2.Store(a2 + i);
                c3.Store(a3 + i);
                var acc = Simd.MulAdd(c0, x0, Vector256.Load(y + i));
                acc = Simd.MulAdd(c1, x1, acc);
                acc = Simd.MulAdd(c2, x2, acc);
                acc = Simd.MulAdd(c3, x3, acc);
                acc.Store(y + i);
            }
            for (; i < m; i++)
            {
                a0[i] += u[i] * t0;
                a1[i] += u[i] * t1;
                a2[i] += u[i] * t2;
                a3[i] += u[i] * t3;
                y[i] += a0[i] * s0 + a1[i] * s1 + a2[i] * s2 + a3[i] * s3;
            }
        }
        for (; p < n; p++)
        {
            T* ap = a + p * lda;
            AddScaled(m, alpha * v[p], u, ap);
            AddScaled(m, x[p], ap, y);
        }
    }

    /// <summary>Copies n elements strided by <paramref name="inc"/> into contiguous <paramref name="dst"/>.</summary>
    public static void Gather<T>(T* src, nint inc, int n, T* dst) where T : unmanaged
    {
        for (int i = 0; i < n; i++) dst[i] = src[i * inc];
    }
}
