using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// The register-blocked heart of the packed GEMM: an <see cref="Mr{T}"/>×<see cref="Nr"/> tile of C
/// (two 256-bit vectors tall, six columns wide) accumulated over a packed A micro-panel and a packed
/// B micro-panel. Twelve accumulators, two A vectors and one broadcast fill 15 of the 16 ymm registers;
/// per k step it issues 12 FMAs against 8 loads, so the two FMA pipes stay the bottleneck.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>Columns of C per tile.</summary>
    public const int Nr = 6;

    /// <summary>Rows of C per tile: two vectors (16 floats or 8 doubles).</summary>
    public static int Mr<T>() => 2 * Vector256<T>.Count;

    /// <summary>
    /// C[0..Mr, 0..Nr] = alpha·(Ap·Bp) + beta·C, where Ap holds <paramref name="kc"/> steps of Mr values
    /// and Bp <paramref name="kc"/> steps of Nr values. When beta is zero C is only written, never read.
    /// Each k step also prefetches (towards L2) the next Nr values from <paramref name="prefetch"/>: the
    /// caller points it at the memory the next panel will be packed from, or at Bp when there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        Vector256<T> c00 = default, c10 = default, c01 = default, c11 = default, c02 = default, c12 = default;
        Vector256<T> c03 = default, c13 = default, c04 = default, c14 = default, c05 = default, c15 = default;
        int p = 0;
        for (; p + 2 <= kc; p += 2)
        {
            {
                Vector256<T> a0 = Vector256.Load(ap + 0), a1 = Vector256.Load(ap + w);
                Vector256<T> bj = Vector256.Create(bp[0 + 0]);
                c00 = Simd.MulAdd(a0, bj, c00);
                c10 = Simd.MulAdd(a1, bj, c10);
                bj = Vector256.Create(bp[0 + 1]);
                c01 = Simd.MulAdd(a0, bj, c01);
                c11 = Simd.MulAdd(a1, bj, c11);
                bj = Vector256.Create(bp[0 + 2]);
                c02 = Simd.MulAdd(a0, bj, c02);
                c12 = Simd.MulAdd(a1, bj, c12);
                bj = Vector256.Create(bp[0 + 3]);
                c03 = Simd.MulAdd(a0, bj, c03);
                c13 = Simd.MulAdd(a1, bj, c13);
                bj = Vector256.Create(bp[0 + 4]);
                c04 = Simd.MulAdd(a0, bj, c04);
                c14 = Simd.MulAdd(a1, bj, c14);
                bj = Vector256.Create(bp[0 + 5]);
                c05 = Simd.MulAdd(a0, bj, c05);
                c15 = Simd.MulAdd(a1, bj, c15);
            }
            {
                Vector256<T> a0 = Vector256.Load(ap + 2 * w), a1 = Vector256.Load(ap + 3 * w);
                Vector256<T> bj = Vector256.Create(bp[Nr + 0]);
                c00 = Simd.MulAdd(a0, bj, c00);
                c10 = Simd.MulAdd(a1, bj, c10);
                bj = Vector256.Create(bp[Nr + 1]);
                c01 = Simd.MulAdd(a0, bj, c01);
                c11 = Simd.MulAdd(a1, bj, c11);
                bj = Vector256.Create(bp[Nr + 2]);
                c02 = Simd.MulAdd(a0, bj, c02);
                c12 = Simd.MulAdd(a1, bj, c12);
                bj = Vector256.Create(bp[Nr + 3]);
                c03 = Simd.MulAdd(a0, bj, c03);
                c13 = Simd.MulAdd(a1, bj, c13);
                bj = Vector256.Create(bp[Nr + 4]);
                c04 = Simd.MulAdd(a0, bj, c04);
                c14 = Simd.MulAdd(a1, bj, c14);
                bj = Vector256.Create(bp[Nr + 5]);
                c05 = Simd.MulAdd(a0, bj, c05);
                c15 = Simd.MulAdd(a1, bj, c15);
            }
            Sse.Prefetch1(prefetch);
            ap += 4 * w;
            bp += 2 * Nr;
            prefetch += 2 * Nr;
        }
        if (p < kc)
        {
            {
                Vector256<T> a0 = Vector256.Load(ap), a1 = Vector256.Load(ap + w);
                Vector256<T> bj = Vector256.Create(bp[0]);
                c00 = Simd.MulAdd(a0, bj, c00);
                c10 = Simd.MulAdd(a1, bj, c10);
                bj = Vector256.Create(bp[1]);
                c01 = Simd.MulAdd(a0, bj, c01);
                c11 = Simd.MulAdd(a1, bj, c11);
                bj = Vector256.Create(bp[2]);
                c02 = Simd.MulAdd(a0, bj, c02);
                c12 = Simd.MulAdd(a1, bj, c12);
                bj = Vector256.Create(bp[3]);
                c03 = Simd.MulAdd(a0, bj, c03);
                c13 = Simd.MulAdd(a1, bj, c13);
                bj = Vector256.Create(bp[4]);
                c04 = Simd.MulAdd(a0, bj, c04);
                c14 = Simd.MulAdd(a1, bj, c14);
                bj = Vector256.Create(bp[5]);
                c05 = Simd.MulAdd(a0, bj, c05);
                c15 = Simd.MulAdd(a1, bj, c15);
            }
        }

        Store(c, ldc, alpha, beta, c00, c10, c01, c11, c02, c12, c03, c13, c04, c14, c05, c15);
    }

    /// <summary>
    /// <see cref="Run{T}"/> for a tile of C that may be partial (<paramref name="rows"/> ≤ Mr, <paramref name="cols"/> ≤ Nr):
    /// a partial one is computed into <paramref name="edge"/> (Mr·Nr scratch) and only its valid part is stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(int kc, T* ap, T* bp, T* c, nint ldc, int rows, int cols, T alpha, T beta, T* edge, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = Mr<T>();
        if (rows == mr && cols == Nr)
        {
            Run(kc, ap, bp, c, ldc, alpha, beta, prefetch);
            return;
        }
        Run(kc, ap, bp, edge, mr, T.One, T.Zero, prefetch);
        StoreEdge(edge, mr, c, ldc, rows, cols, alpha, beta);
    }

    /// <summary>
    /// <see cref="Tile{T}"/> for a full-width B panel read in place instead of packed: value j of k step p is
    /// <c>b[offsets[p] + columns[j]]</c> (an implicit im2col operand: a panel of neighbouring output positions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileGathered<T>(int kc, T* ap, T* b, int* offsets, int* columns, T* c, nint ldc, int rows, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == Mr<T>())
        {
            RunGathered(kc, ap, b, offsets, columns, c, ldc, beta);
            return;
        }
        RunGathered(kc, ap, b, offsets, columns, edge, Mr<T>(), T.Zero);
        StoreEdge(edge, Mr<T>(), c, ldc, rows, Nr, T.One, beta);
    }

    /// <summary>
    /// C[0..rows, 0..cols] = alpha·edge + beta·C from a scratch tile whose columns are <paramref name="ldEdge"/> apart,
    /// rounded as a full tile's <see cref="Store{T}"/> rounds (alpha·acc, then one fused multiply-add with beta·C), so an
    /// element of C gets the same bits whether it falls in a full tile or a partial one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StoreEdge<T>(T* edge, int ldEdge, T* c, nint ldc, int rows, int cols, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int jj = 0; jj < cols; jj++)
        {
            T* src = edge + jj * ldEdge;
            T* dst = c + jj * ldc;
            if (beta == T.Zero)
                for (int ii = 0; ii < rows; ii++) dst[ii] = alpha * src[ii];
            else
                for (int ii = 0; ii < rows; ii++) dst[ii] = T.FusedMultiplyAdd(beta, dst[ii], alpha * src[ii]);
        }
    }

    /// <summary>
    /// <see cref="Run{T}"/> with alpha = 1 and B read in place: broadcast j of k step p is
    /// <c>b[offsets[p] + columns[j]]</c>. One more load per step, but no packing pass over B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunGathered<T>(int kc, T* ap, T* b, int* offsets, int* columns, T* c, nint ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        nint j0 = columns[0], j1 = columns[1], j2 = columns[2], j3 = columns[3], j4 = columns[4], j5 = columns[5];
        Vector256<T> c00 = default, c10 = default, c01 = default, c11 = default, c02 = default, c12 = default;
        Vector256<T> c03 = default, c13 = default, c04 = default, c14 = default, c05 = default, c15 = default;
        for (int p = 0; p < kc; p++)
        {
            T* bp = b + offsets[p];
            Vector256<T> a0 = Vector256.Load(ap), a1 = Vector256.Load(ap + w);
            Vector256<T> bj = Vector256.Create(bp[j0]);
            c00 = Simd.MulAdd(a0, bj, c00);
            c10 = Simd.MulAdd(a1, bj, c10);
            bj = Vector256.Create(bp[j1]);
            c01 = Simd.MulAdd(a0, bj, c01);
            c11 = Simd.MulAdd(a1, bj, c11);
            bj = Vector256.Create(bp[j2]);
            c02 = Simd.MulAdd(a0, bj, c02);
            c12 = Simd.MulAdd(a1, bj, c12);
            bj = Vector256.Create(bp[j3]);
            c03 = Simd.MulAdd(a0, bj, c03);
            c13 = Simd.MulAdd(a1, bj, c13);
            bj = Vector256.Create(bp[j4]);
            c04 = Simd.MulAdd(a0, bj, c04);
            c14 = Simd.MulAdd(a1, bj, c14);
            bj = Vector256.Create(bp[j5]);
            c05 = Simd.MulAdd(a0, bj, c05);
            c15 = Simd.MulAdd(a1, bj, c15);
            ap += 2 * w;
        }
        Store(c, ldc, T.One, beta, c00, c10, c01, c11, c02, c12, c03, c13, c04, c14, c05, c15);
    }

    /// <summary>C = alpha·tile + beta·C for the Mr×Nr accumulators (column j is cj0 over cj1); beta = 0 never reads C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* c, nint ldc, T alpha, T beta,
        Vector256<T> c00, Vector256<T> c10, Vector256<T> c01, Vector256<T> c11, Vector256<T> c02, Vector256<T> c12,
        Vector256<T> c03, Vector256<T> c13, Vector256<T> c04, Vector256<T> c14, Vector256<T> c05, Vector256<T> c15)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector256<T>.Count;
        var va = Vector256.Create(alpha);
        if (beta == T.Zero)
        {
            (c00 * va).Store(c); (c10 * va).Store(c + w); c += ldc;
            (c01 * va).Store(c); (c11 * va).Store(c + w); c += ldc;
            (c02 * va).Store(c); (c12 * va).Store(c + w); c += ldc;
            (c03 * va).Store(c); (c13 * va).Store(c + w); c += ldc;
            (c04 * va).Store(c); (c14 * va).Store(c + w); c += ldc;
            (c05 * va).Store(c); (c15 * va).Store(c + w);
            return;
        }
        var vb = Vector256.Create(beta);
        Update(c, w, c00, c10, va, vb); c += ldc;
        Update(c, w, c01, c11, va, vb); c += ldc;
        Update(c, w, c02, c12, va, vb); c += ldc;
        Update(c, w, c03, c13, va, vb); c += ldc;
        Update(c, w, c04, c14, va, vb); c += ldc;
        Update(c, w, c05, c15, va, vb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<T>(T* c, nint w, Vector256<T> lo, Vector256<T> hi, Vector256<T> va, Vector256<T> vb)
        where T : unmanaged
    {
        Simd.MulAdd(vb, Vector256.Load(c), lo * va).Store(c);
        Simd.MulAdd(vb, Vector256.Load(c + w), hi * va).Store(c + w);
    }
}
