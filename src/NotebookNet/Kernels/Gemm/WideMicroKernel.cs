using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// The 512-bit micro-kernels, used while <see cref="Simd.Wide"/> is on. They read the same packed panels as
/// <see cref="GemmMicroKernel"/> (an Mr-row A panel is exactly one 512-bit vector per k step) and give the same
/// bits: every element of C is still one chain of fused multiply-adds over k, in the same order, scaled and stored
/// the same way. <see cref="RunPair{T}"/> runs two adjacent A panels against one B panel (2·Mr × Nr, twelve
/// accumulators, eight loads per twelve FMAs); <see cref="RunSingle{T}"/> a lone last A panel (Mr × Nr);
/// <see cref="RunQuadGathered{T}"/> four A panels against a B panel read in place (4·Mr × Nr).
/// </summary>
internal static unsafe class WideMicroKernel
{
    private const int Nr = GemmMicroKernel.Nr;

    /// <summary>
    /// How far past a gathered panel's last value of each k step <see cref="RunQuadGathered{T}"/> prefetches: the next
    /// cache line, which the following panels read. For rows of Bᵀ every k step is a line of its own, too many
    /// interleaved runs for the hardware prefetchers to follow. (The pair kernel does without: its products, a few
    /// output channels against columns of B, stream B in one run the hardware follows.)
    /// </summary>
    private const int GatheredPrefetchBytes = 64;

    /// <summary>C[0..2·Mr, 0..Nr] = alpha·([Ap0; Ap1]·Bp) + beta·C, with Ap1 = Ap0 + kc·Mr (the next packed panel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunPair<T>(int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        T* aq = ap + kc * w;
        Vector512<T> c00 = default, c10 = default, c01 = default, c11 = default, c02 = default, c12 = default;
        Vector512<T> c03 = default, c13 = default, c04 = default, c14 = default, c05 = default, c15 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> a0 = Vector512.Load(ap), a1 = Vector512.Load(aq);
            Vector512<T> bj = Vector512.Create(bp[0]);
            c00 = MulAdd(a0, bj, c00);
            c10 = MulAdd(a1, bj, c10);
            bj = Vector512.Create(bp[1]);
            c01 = MulAdd(a0, bj, c01);
            c11 = MulAdd(a1, bj, c11);
            bj = Vector512.Create(bp[2]);
            c02 = MulAdd(a0, bj, c02);
            c12 = MulAdd(a1, bj, c12);
            bj = Vector512.Create(bp[3]);
            c03 = MulAdd(a0, bj, c03);
            c13 = MulAdd(a1, bj, c13);
            bj = Vector512.Create(bp[4]);
            c04 = MulAdd(a0, bj, c04);
            c14 = MulAdd(a1, bj, c14);
            bj = Vector512.Create(bp[5]);
            c05 = MulAdd(a0, bj, c05);
            c15 = MulAdd(a1, bj, c15);
            if ((p & 1) != 0) { Sse.Prefetch1(prefetch); prefetch += 2 * Nr; }
            ap += w;
            aq += w;
            bp += Nr;
        }
        Store(c, ldc, alpha, beta, c00, c01, c02, c03, c04, c05);
        Store(c + w, ldc, alpha, beta, c10, c11, c12, c13, c14, c15);
    }

    /// <summary>C[0..Mr, 0..Nr] = alpha·(Ap·Bp) + beta·C for one A panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunSingle<T>(int kc, T* ap, T* bp, T* c, nint ldc, T alpha, T beta, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> a = Vector512.Load(ap);
            c0 = MulAdd(a, Vector512.Create(bp[0]), c0);
            c1 = MulAdd(a, Vector512.Create(bp[1]), c1);
            c2 = MulAdd(a, Vector512.Create(bp[2]), c2);
            c3 = MulAdd(a, Vector512.Create(bp[3]), c3);
            c4 = MulAdd(a, Vector512.Create(bp[4]), c4);
            c5 = MulAdd(a, Vector512.Create(bp[5]), c5);
            if ((p & 1) != 0) { Sse.Prefetch1(prefetch); prefetch += 2 * Nr; }
            ap += w;
            bp += Nr;
        }
        Store(c, ldc, alpha, beta, c0, c1, c2, c3, c4, c5);
    }

    /// <summary>
    /// C[0..Mr, 0..2·Nr] = alpha·(Ap·[Bp0 Bp1]) + beta·C: one A panel against two B panels, for products with a single
    /// A panel (few output channels), where <see cref="RunSingle{T}"/>'s six chains would wait on the FMA latency.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunSingleTwoPanels<T>(int kc, T* ap, T* bp, T* bq, T* c, nint ldc, T alpha, T beta, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        Vector512<T> c6 = default, c7 = default, c8 = default, c9 = default, c10 = default, c11 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<T> a = Vector512.Load(ap);
            c0 = MulAdd(a, Vector512.Create(bp[0]), c0);
            c1 = MulAdd(a, Vector512.Create(bp[1]), c1);
            c2 = MulAdd(a, Vector512.Create(bp[2]), c2);
            c3 = MulAdd(a, Vector512.Create(bp[3]), c3);
            c4 = MulAdd(a, Vector512.Create(bp[4]), c4);
            c5 = MulAdd(a, Vector512.Create(bp[5]), c5);
            c6 = MulAdd(a, Vector512.Create(bq[0]), c6);
            c7 = MulAdd(a, Vector512.Create(bq[1]), c7);
            c8 = MulAdd(a, Vector512.Create(bq[2]), c8);
            c9 = MulAdd(a, Vector512.Create(bq[3]), c9);
            c10 = MulAdd(a, Vector512.Create(bq[4]), c10);
            c11 = MulAdd(a, Vector512.Create(bq[5]), c11);
            if ((p & 1) != 0) { Sse.Prefetch1(prefetch); prefetch += 2 * Nr; }
            ap += w;
            bp += Nr;
            bq += Nr;
        }
        Store(c, ldc, alpha, beta, c0, c1, c2, c3, c4, c5);
        Store(c + Nr * ldc, ldc, alpha, beta, c6, c7, c8, c9, c10, c11);
    }

    /// <summary>
    /// <see cref="RunSingleTwoPanels{T}"/> for rows ≤ Mr of C and columns ≤ 2·Nr (the second panel's may be partial);
    /// a partial tile goes through <paramref name="edge"/> (2·Mr·Nr scratch).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileTwoPanels<T>(int kc, T* ap, T* bp, T* bq, T* c, nint ldc, int rows, int cols, T alpha, T beta, T* edge, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = Vector512<T>.Count;
        if (rows == mr && cols == 2 * Nr)
        {
            RunSingleTwoPanels(kc, ap, bp, bq, c, ldc, alpha, beta, prefetch);
            return;
        }
        RunSingleTwoPanels(kc, ap, bp, bq, edge, mr, T.One, T.Zero, prefetch);
        GemmMicroKernel.StoreEdge(edge, mr, c, ldc, rows, cols, alpha, beta);
    }

    /// <summary>
    /// <see cref="RunPair{T}"/> with alpha = 1 and B read in place: broadcast j of k step p is
    /// <c>b[offsets[p] + columns[j]]</c> (see <see cref="IPackB{T}.InPlace"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunPairGathered<T>(int kc, T* ap, T* b, int* offsets, int* columns, T* c, nint ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        T* aq = ap + kc * w;
        nint j0 = columns[0], j1 = columns[1], j2 = columns[2], j3 = columns[3], j4 = columns[4], j5 = columns[5];
        Vector512<T> c00 = default, c10 = default, c01 = default, c11 = default, c02 = default, c12 = default;
        Vector512<T> c03 = default, c13 = default, c04 = default, c14 = default, c05 = default, c15 = default;
        for (int p = 0; p < kc; p++)
        {
            T* bp = b + offsets[p];
            Vector512<T> a0 = Vector512.Load(ap), a1 = Vector512.Load(aq);
            Vector512<T> bj = Vector512.Create(bp[j0]);
            c00 = MulAdd(a0, bj, c00);
            c10 = MulAdd(a1, bj, c10);
            bj = Vector512.Create(bp[j1]);
            c01 = MulAdd(a0, bj, c01);
            c11 = MulAdd(a1, bj, c11);
            bj = Vector512.Create(bp[j2]);
            c02 = MulAdd(a0, bj, c02);
            c12 = MulAdd(a1, bj, c12);
            bj = Vector512.Create(bp[j3]);
            c03 = MulAdd(a0, bj, c03);
            c13 = MulAdd(a1, bj, c13);
            bj = Vector512.Create(bp[j4]);
            c04 = MulAdd(a0, bj, c04);
            c14 = MulAdd(a1, bj, c14);
            bj = Vector512.Create(bp[j5]);
            c05 = MulAdd(a0, bj, c05);
            c15 = MulAdd(a1, bj, c15);
            ap += w;
            aq += w;
        }
        Store(c, ldc, T.One, beta, c00, c01, c02, c03, c04, c05);
        Store(c + w, ldc, T.One, beta, c10, c11, c12, c13, c14, c15);
    }

    /// <summary>
    /// Four adjacent A panels (4·Mr rows, twenty-four accumulators) against one B panel read in place, alpha = 1: each
    /// broadcast of B then feeds four FMAs instead of two, and each cache line of B is fetched once for all the rows
    /// (the pair kernel would walk it twice).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunQuadGathered<T>(int kc, T* ap, T* b, int* offsets, int* columns, T* c, nint ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count, panel = kc * w;
        nint j0 = columns[0], j1 = columns[1], j2 = columns[2], j3 = columns[3], j4 = columns[4], j5 = columns[5];
        Vector512<T> c00 = default, c10 = default, c20 = default, c30 = default;
        Vector512<T> c01 = default, c11 = default, c21 = default, c31 = default;
        Vector512<T> c02 = default, c12 = default, c22 = default, c32 = default;
        Vector512<T> c03 = default, c13 = default, c23 = default, c33 = default;
        Vector512<T> c04 = default, c14 = default, c24 = default, c34 = default;
        Vector512<T> c05 = default, c15 = default, c25 = default, c35 = default;
        for (int p = 0; p < kc; p++)
        {
            T* bp = b + offsets[p];
            Sse.Prefetch0((byte*)(bp + j5) + GatheredPrefetchBytes);
            Vector512<T> a0 = Vector512.Load(ap), a1 = Vector512.Load(ap + panel);
            Vector512<T> a2 = Vector512.Load(ap + 2 * panel), a3 = Vector512.Load(ap + 3 * panel);
            Vector512<T> bj = Vector512.Create(bp[j0]);
            c00 = MulAdd(a0, bj, c00); c10 = MulAdd(a1, bj, c10); c20 = MulAdd(a2, bj, c20); c30 = MulAdd(a3, bj, c30);
            bj = Vector512.Create(bp[j1]);
            c01 = MulAdd(a0, bj, c01); c11 = MulAdd(a1, bj, c11); c21 = MulAdd(a2, bj, c21); c31 = MulAdd(a3, bj, c31);
            bj = Vector512.Create(bp[j2]);
            c02 = MulAdd(a0, bj, c02); c12 = MulAdd(a1, bj, c12); c22 = MulAdd(a2, bj, c22); c32 = MulAdd(a3, bj, c32);
            bj = Vector512.Create(bp[j3]);
            c03 = MulAdd(a0, bj, c03); c13 = MulAdd(a1, bj, c13); c23 = MulAdd(a2, bj, c23); c33 = MulAdd(a3, bj, c33);
            bj = Vector512.Create(bp[j4]);
            c04 = MulAdd(a0, bj, c04); c14 = MulAdd(a1, bj, c14); c24 = MulAdd(a2, bj, c24); c34 = MulAdd(a3, bj, c34);
            bj = Vector512.Create(bp[j5]);
            c05 = MulAdd(a0, bj, c05); c15 = MulAdd(a1, bj, c15); c25 = MulAdd(a2, bj, c25); c35 = MulAdd(a3, bj, c35);
            ap += w;
        }
        Store(c, ldc, T.One, beta, c00, c01, c02, c03, c04, c05);
        Store(c + w, ldc, T.One, beta, c10, c11, c12, c13, c14, c15);
        Store(c + 2 * w, ldc, T.One, beta, c20, c21, c22, c23, c24, c25);
        Store(c + 3 * w, ldc, T.One, beta, c30, c31, c32, c33, c34, c35);
    }

    /// <summary><see cref="RunSingle{T}"/> with alpha = 1 and B read in place, as <see cref="RunPairGathered{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RunSingleGathered<T>(int kc, T* ap, T* b, int* offsets, int* columns, T* c, nint ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint w = Vector512<T>.Count;
        nint j0 = columns[0], j1 = columns[1], j2 = columns[2], j3 = columns[3], j4 = columns[4], j5 = columns[5];
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (int p = 0; p < kc; p++)
        {
            T* bp = b + offsets[p];
            Vector512<T> a = Vector512.Load(ap);
            c0 = MulAdd(a, Vector512.Create(bp[j0]), c0);
            c1 = MulAdd(a, Vector512.Create(bp[j1]), c1);
            c2 = MulAdd(a, Vector512.Create(bp[j2]), c2);
            c3 = MulAdd(a, Vector512.Create(bp[j3]), c3);
            c4 = MulAdd(a, Vector512.Create(bp[j4]), c4);
            c5 = MulAdd(a, Vector512.Create(bp[j5]), c5);
            ap += w;
        }
        Store(c, ldc, T.One, beta, c0, c1, c2, c3, c4, c5);
    }

    /// <summary>
    /// The tile of C at rows [0, rows) of the A panels at <paramref name="ap"/> (one panel when rows ≤ Mr, else the
    /// pair) and columns [0, cols) of the B panel at <paramref name="bp"/>; a partial tile goes through
    /// <paramref name="edge"/> (2·Mr·Nr scratch) as in <see cref="GemmMicroKernel.Tile{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile<T>(int kc, T* ap, T* bp, T* c, nint ldc, int rows, int cols, T alpha, T beta, T* edge, T* prefetch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = Vector512<T>.Count;
        bool pair = rows > mr;
        if (rows == (pair ? 2 * mr : mr) && cols == Nr)
        {
            if (pair) RunPair(kc, ap, bp, c, ldc, alpha, beta, prefetch);
            else RunSingle(kc, ap, bp, c, ldc, alpha, beta, prefetch);
            return;
        }
        int ld = pair ? 2 * mr : mr;
        if (pair) RunPair(kc, ap, bp, edge, ld, T.One, T.Zero, prefetch);
        else RunSingle(kc, ap, bp, edge, ld, T.One, T.Zero, prefetch);
        GemmMicroKernel.StoreEdge(edge, ld, c, ldc, rows, cols, alpha, beta);
    }

    /// <summary><see cref="Tile{T}"/> for a full-width B panel read in place (see <see cref="GemmMicroKernel.TileGathered{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TileGathered<T>(int kc, T* ap, T* b, int* offsets, int* columns, T* c, nint ldc, int rows, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = Vector512<T>.Count;
        bool pair = rows > mr;
        if (rows == (pair ? 2 * mr : mr))
        {
            if (pair) RunPairGathered(kc, ap, b, offsets, columns, c, ldc, beta);
            else RunSingleGathered(kc, ap, b, offsets, columns, c, ldc, beta);
            return;
        }
        int ld = pair ? 2 * mr : mr;
        if (pair) RunPairGathered(kc, ap, b, offsets, columns, edge, ld, T.Zero);
        else RunSingleGathered(kc, ap, b, offsets, columns, edge, ld, T.Zero);
        GemmMicroKernel.StoreEdge(edge, ld, c, ldc, rows, Nr, T.One, beta);
    }

    /// <summary>
    /// One vector of rows in each of the Nr columns: C = alpha·acc + beta·C, computed exactly as
    /// <see cref="GemmMicroKernel"/> does it (alpha·acc, then one fused multiply-add with beta·C); beta = 0 never reads C.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* c, nint ldc, T alpha, T beta,
        Vector512<T> c0, Vector512<T> c1, Vector512<T> c2, Vector512<T> c3, Vector512<T> c4, Vector512<T> c5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var va = Vector512.Create(alpha);
        if (beta == T.Zero)
        {
            (c0 * va).Store(c); c += ldc;
            (c1 * va).Store(c); c += ldc;
            (c2 * va).Store(c); c += ldc;
            (c3 * va).Store(c); c += ldc;
            (c4 * va).Store(c); c += ldc;
            (c5 * va).Store(c);
            return;
        }
        var vb = Vector512.Create(beta);
        MulAdd(vb, Vector512.Load(c), c0 * va).Store(c); c += ldc;
        MulAdd(vb, Vector512.Load(c), c1 * va).Store(c); c += ldc;
        MulAdd(vb, Vector512.Load(c), c2 * va).Store(c); c += ldc;
        MulAdd(vb, Vector512.Load(c), c3 * va).Store(c); c += ldc;
        MulAdd(vb, Vector512.Load(c), c4 * va).Store(c); c += ldc;
        MulAdd(vb, Vector512.Load(c), c5 * va).Store(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> MulAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Avx512F.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Avx512F.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }
}
