using System.Numerics;
using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// The one cache-blocked GEMM, C = alpha·op(A)·op(B) + beta·C, in the Goto/BLIS style, single-threaded: depth blocks
/// of at most Kc; Nc-column blocks of op(B) (in L3) swept by Mc-row blocks of op(A) (in L2), each Nr-wide B panel
/// sitting in L1 while the micro-kernel runs down it. Who packs the operands is pluggable (<see cref="IPackA{T}"/>,
/// <see cref="IPackB{T}"/>): stored matrices (<see cref="StoredA{T}"/>, <see cref="StoredB{T}"/>) for
/// <see cref="Blas.Gemm{T}"/>, or a convolution's column matrix packed straight from the image
/// (<see cref="ImplicitPatches{T}"/>, <see cref="ImplicitColumns{T}"/>) so the im2col matrix is never written out.
/// With a single row block (the CNN's few output channels, a dense layer's few units) and a B that streams, each B
/// panel is packed right before its only use, so B is read once and never written out whole; when the packer can
/// hand a panel out in place (<see cref="IPackB{T}.InPlace"/>) there is no packing pass at all.
/// <see cref="ParallelGemm"/> splits big stored products over the cores, each part running this driver.
/// </summary>
internal static unsafe class GemmDriver
{
    /// <summary>Depth of one block: a Kc×Nr B panel plus a Kc×Mr A panel stay in L1.</summary>
    private const int Kc = 256;

    /// <summary>Rows of op(A) packed at once: Mc×Kc elements stay well inside the 512 KiB L2.</summary>
    private static int Mc<T>() => typeof(T) == typeof(float) ? 144 : 72;

    /// <summary>Columns of op(B) packed at once when several row blocks share them: Kc×Nc elements live in the shared L3.</summary>
    private static int Nc<T>() => typeof(T) == typeof(float) ? 4080 : 2040;

    /// <summary>Room after the last packed B panel: a packer may write up to one vector past it (see <see cref="ImplicitPatches{T}"/>).</summary>
    private const int PanelSlack = 16;

    /// <summary>m rounded up to whole Mr panels.</summary>
    public static int PaddedRows<T>(int m) => (m + GemmMicroKernel.Mr<T>() - 1) / GemmMicroKernel.Mr<T>() * GemmMicroKernel.Mr<T>();

    /// <summary>Elements <see cref="Prepack{T, TA}"/> writes for an m×k op(A), or 0 when m is too tall to prepack.</summary>
    public static int PrepackedLength<T>(int m, int k) => m <= Mc<T>() ? PaddedRows<T>(m) * k : 0;

    /// <summary>
    /// The depth block of an m×n×k product: balanced (k = 300 becomes 150 + 150, not 256 + 44). A single row block
    /// against a streaming B goes deeper while the A block fills at most half of L2 and a B panel stays within L1:
    /// fewer passes over C, and each B column is one long run the micro-kernel prefetches linearly. Three or four A
    /// panels stream four vectors of A per k step against each B panel (<see cref="WideMicroKernel.RunQuadGathered{T}"/>
    /// reads them all at once), so their block gets a quarter of L2: the next B lines are then fetched while the last
    /// ones are still in cache.
    /// It depends on the whole product only, so a product split into parts (<see cref="ParallelGemm"/>) sums every
    /// element over the same depth blocks as the whole: the same bits whatever the number of parts.
    /// </summary>
    public static int DepthBlock<T>(int m, int k, bool streamsB) where T : unmanaged
    {
        int mr = GemmMicroKernel.Mr<T>();
        int budget = m > 2 * mr && m <= 4 * mr ? 128 * 1024 : 256 * 1024;
        int limit = streamsB && m <= Mc<T>()
            ? Math.Clamp(budget / sizeof(T) / PaddedRows<T>(m), Kc, 4096 / sizeof(T))
            : Kc;
        int blocks = Math.Max(1, (k + limit - 1) / limit);
        return Math.Max(1, (k + blocks - 1) / blocks);
    }

    /// <summary>
    /// Packs all of an m×k op(A) (m ≤ Mc) in the depth blocks <see cref="DepthBlock{T}"/> gives a streaming B,
    /// for <see cref="PrepackedA{T}"/>.
    /// </summary>
    public static void Prepack<T, TA>(int m, int k, in TA a, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TA : struct, IPackA<T>
    {
        if (m > Mc<T>()) throw new ArgumentOutOfRangeException(nameof(m), m, $"At most {Mc<T>()} rows can be packed ahead.");
        int kcMax = DepthBlock<T>(m, k, streamsB: true), rows = PaddedRows<T>(m);
        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            T* at = dst + (nint)pc * rows;
            T* packed = a.Pack(0, m, pc, kc, at);
            if (packed != at) Buffer.MemoryCopy(packed, at, (long)rows * kc * sizeof(T), (long)rows * kc * sizeof(T));
        }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C over the depth blocks of <see cref="DepthBlock{T}"/>.</summary>
    public static void Run<T, TA, TB>(int m, int n, int k, T alpha, in TA a, in TB b, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TA : struct, IPackA<T>
        where TB : struct, IPackB<T> =>
        Run(m, n, k, alpha, a, b, beta, c, ldc, DepthBlock<T>(m, k, b.Streams));

    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C with depth blocks of <paramref name="kcMax"/>. As in BLAS, k = 0 only scales C
    /// (beta = 0 overwrites it without reading).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T, TA, TB>(int m, int n, int k, T alpha, in TA a, in TB b, T beta, T* c, nint ldc, int kcMax)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TA : struct, IPackA<T>
        where TB : struct, IPackB<T>
    {
        if (m <= 0 || n <= 0) return;
        if (k == 0)
        {
            for (int j = 0; j < n; j++) Vectors.Scale(c + j * ldc, m, beta);
            return;
        }
        int mcMax = Mc<T>(), ncMax = Nc<T>(), nr = GemmMicroKernel.Nr;
        bool streaming = m <= mcMax && b.Streams;
        // Room for two panels when streaming, and one panel past a whole block: the 512-bit kernels read panels in pairs.
        int ncAlloc = streaming ? 2 * nr : (Math.Min(n, ncMax) + nr - 1) / nr * nr + nr;
        T* packedA = ScratchBuffer<T>.Slot0(PaddedRows<T>(Math.Min(m, mcMax)) * kcMax);
        T* packedB = ScratchBuffer<T>.Slot1(ncAlloc * kcMax + PanelSlack);
        T* edge = stackalloc T[32 * GemmMicroKernel.Nr]; // two Mr-row panels (Mr: 16 floats, 8 doubles)
        int* columns = stackalloc int[GemmMicroKernel.Nr];

        if (streaming)
        {
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                T betaNow = pc == 0 ? beta : T.One;
                T* panelsA = a.Pack(0, m, pc, kc, packedA);
                // B that is packed anyway goes two panels at a time; one read in place keeps the 256-bit kernel for a
                // lone A panel (it needs no packing pass, which costs more than the wider vectors save).
                if (m <= GemmMicroKernel.Mr<T>() && Simd.Wide && (alpha != T.One || !b.ReadsInPlace))
                {
                    SweepTwoPanels(m, n, kc, pc, panelsA, b, packedB, c, ldc, alpha, betaNow, edge);
                    continue;
                }
                for (int j = 0; j < n; j += nr)
                {
                    int cols = Math.Min(nr, n - j);
                    int* offsets = null;
                    // The gathered micro-kernel has no alpha: only products with alpha = 1 read panels in place.
                    T* inPlace = cols == nr && alpha == T.One ? b.InPlace(j, pc, columns, out offsets) : null;
                    if (inPlace != null)
                    {
                        SweepGathered(m, kc, panelsA, inPlace, offsets, columns, c + j * ldc, ldc, betaNow, edge);
                        continue;
                    }
                    T* prefetch = b.Pack(j, cols, pc, kc, packedB);
                    Sweep(m, cols, kc, panelsA, packedB, prefetch, c + j * ldc, ldc, alpha, betaNow, edge);
                }
            }
            return;
        }

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                T betaNow = pc == 0 ? beta : T.One;
                // A streaming B is packed panel by panel by the first row block, right before use, so reading it from
                // memory overlaps the arithmetic; a B that does not stream (rows of Bᵀ) is packed as a whole block.
                if (!b.Streams) b.PackBlock(jc, nc, pc, kc, packedB);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    T* panelsA = a.Pack(ic, mc, pc, kc, packedA);
                    if (!b.Streams && mc <= GemmMicroKernel.Mr<T>() && Simd.Wide)
                    {
                        SweepPackedPairs(mc, nc, kc, panelsA, packedB, c + ic + jc * ldc, ldc, alpha, betaNow, edge);
                        continue;
                    }
                    for (int j = 0; j < nc; j += nr)
                    {
                        T* bp = packedB + (nint)j * kc;
                        T* prefetch = ic == 0 && b.Streams ? b.Pack(jc + j, Math.Min(nr, nc - j), pc, kc, bp) : bp;
                        Sweep(mc, Math.Min(nr, nc - j), kc, panelsA, bp, prefetch, c + ic + (jc + j) * ldc, ldc, alpha, betaNow, edge);
                    }
                }
            }
        }
    }

    /// <summary>One B panel against every A panel of a row block; partial edge tiles go through a scratch tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Sweep<T>(int mc, int cols, int kc, T* packedA, T* bp, T* prefetch, T* c, nint ldc, T alpha, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = GemmMicroKernel.Mr<T>();
        if (Simd.Wide)
        {
            for (int i = 0; i < mc; i += 2 * mr)
                WideMicroKernel.Tile(kc, packedA + (nint)i * kc, bp, c + i, ldc, Math.Min(2 * mr, mc - i), cols, alpha, beta, edge, prefetch);
            return;
        }
        for (int i = 0; i < mc; i += mr)
            GemmMicroKernel.Tile(kc, packedA + (nint)i * kc, bp, c + i, ldc, Math.Min(mr, mc - i), cols, alpha, beta, edge, prefetch);
    }

    /// <summary>
    /// A single A panel (m ≤ Mr) against all of a streaming B, two packed panels at a time, for the 512-bit kernels:
    /// one 512-bit vector holds the whole column of C, so a pair of B panels gives the FMAs enough independent chains.
    /// </summary>
    private static void SweepTwoPanels<T, TB>(int m, int n, int kc, int pc, T* panelA, in TB b, T* packedB, T* c, nint ldc, T alpha, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TB : struct, IPackB<T>
    {
        const int nr = GemmMicroKernel.Nr;
        T* second = packedB + (nint)nr * kc;
        for (int j = 0; j < n; j += 2 * nr)
        {
            int cols = Math.Min(2 * nr, n - j);
            T* prefetch = b.Pack(j, Math.Min(nr, cols), pc, kc, packedB);
            if (cols > nr) prefetch = b.Pack(j + nr, cols - nr, pc, kc, second);
            WideMicroKernel.TileTwoPanels(kc, panelA, packedB, second, c + j * ldc, ldc, m, cols, alpha, beta, edge, prefetch);
        }
    }

    /// <summary><see cref="SweepTwoPanels{T, TB}"/> over a B block already packed whole (panels kc·Nr apart).</summary>
    private static void SweepPackedPairs<T>(int m, int n, int kc, T* panelA, T* packedB, T* c, nint ldc, T alpha, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int nr = GemmMicroKernel.Nr;
        for (int j = 0; j < n; j += 2 * nr)
        {
            T* bp = packedB + (nint)j * kc;
            WideMicroKernel.TileTwoPanels(kc, panelA, bp, bp + (nint)nr * kc, c + j * ldc, ldc, m, Math.Min(2 * nr, n - j), alpha, beta, edge, bp);
        }
    }

    /// <summary><see cref="Sweep{T}"/> for a full B panel read in place (alpha = 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SweepGathered<T>(int m, int kc, T* packedA, T* b, int* offsets, int* columns, T* c, nint ldc, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = GemmMicroKernel.Mr<T>();
        if (Simd.Wide && m == 4 * mr)
        {
            WideMicroKernel.RunQuadGathered(kc, packedA, b, offsets, columns, c, ldc, beta);
            return;
        }
        if (Simd.Wide && m > mr)
        {
            for (int i = 0; i < m; i += 2 * mr)
                WideMicroKernel.TileGathered(kc, packedA + (nint)i * kc, b, offsets, columns, c + i, ldc, Math.Min(2 * mr, m - i), beta, edge);
            return;
        }
        for (int i = 0; i < m; i += mr)
            GemmMicroKernel.TileGathered(kc, packedA + (nint)i * kc, b, offsets, columns, c + i, ldc, Math.Min(mr, m - i), beta, edge);
    }
}
