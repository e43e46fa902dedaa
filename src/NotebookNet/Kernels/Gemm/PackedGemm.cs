using System.Numerics;
using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Cache-blocked GEMM in the Goto/BLIS style for float and double: op(B) is packed in Kc×Nc blocks
/// (kept in L3), op(A) in Mc×Kc blocks (kept in L2), and the micro-kernel sweeps Mr×Nr tiles of C while
/// one Kc×Nr B panel sits in L1. Products with a single row block (the CNN's few output channels) stream
/// B instead: one panel is packed, used and replaced while the next is prefetched. Big products are split
/// over the cores by columns (or rows) of C, each part running the serial algorithm with its own buffers.
/// </summary>
internal static unsafe class PackedGemm
{
    /// <summary>Depth of one packed block: a Kc×Nr B panel plus a Kc×Mr A panel stay in L1.</summary>
    private const int Kc = 256;

    /// <summary>
    /// Below this many flops (2·m·n·k, ~100 µs on one core) handing half to a second thread costs more than
    /// it saves: on this shared VM two 20 µs halves under Parallel.For took ~50 µs whenever the other core was busy.
    /// </summary>
    internal const long ParallelFlops = 1L << 23;

    /// <summary>More threads than this gain nothing on the small products a notebook runs.</summary>
    private const int MaxThreads = 8;

    /// <summary>Fewest micro-tiles (along the split dimension) per parallel chunk.</summary>
    private const int MinChunkTiles = 4;

    /// <summary>Rows of op(A) packed at once: Mc×Kc elements stay well inside the 512 KiB L2.</summary>
    private static int Mc<T>() => typeof(T) == typeof(float) ? 144 : 72;

    /// <summary>Columns of op(B) packed at once: Kc×Nc elements live in the shared L3.</summary>
    private static int Nc<T>() => typeof(T) == typeof(float) ? 4080 : 2040;

    /// <summary>C = alpha·op(A)·op(B) + beta·C for m, n, k &gt; 0 and alpha ≠ 0.</summary>
    public static void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int threads = Math.Min(Environment.ProcessorCount, MaxThreads);
        int mr = GemmMicroKernel.Mr<T>(), nr = GemmMicroKernel.Nr;
        int chunks = 1;
        bool splitN = false;
        int extent = 0, unit = 1, units = 0;
        if (threads >= 2 && !BatchParallel.InWorker && 2L * m * n * k >= ParallelFlops)
        {
            // Split the dimension with more micro-tiles, in whole tiles, so every chunk keeps full kernels;
            // each chunk re-packs the operand it shares, so chunks stay wide enough for that to be noise.
            splitN = (n + nr - 1) / nr >= (m + mr - 1) / mr;
            extent = splitN ? n : m;
            unit = splitN ? nr : mr;
            units = (extent + unit - 1) / unit;
            // One chunk per thread: every extra chunk re-reads the shared operand, which for the CNN's
            // products (a weight-gradient A of several MB) comes from memory.
            chunks = Math.Min(threads, units / MinChunkTiles);
        }
        if (chunks < 2)
        {
            Serial(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }

        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            int start = (int)((long)units * chunk / chunks) * unit;
            int end = Math.Min(extent, (int)((long)units * (chunk + 1) / chunks) * unit);
            if (end <= start) return;
            T* a0 = (T*)pa, b0 = (T*)pb, c0 = (T*)pc;
            if (splitN)
                Serial(transA, transB, m, end - start, k, alpha, a0, lda,
                    transB ? b0 + start : b0 + start * ldb, ldb, beta, c0 + start * ldc, ldc);
            else
                Serial(transA, transB, end - start, n, k, alpha, transA ? a0 + start * lda : a0 + start, lda,
                    b0, ldb, beta, c0 + start, ldc);
        });
    }

    /// <summary>The single-threaded blocked algorithm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Serial<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = GemmMicroKernel.Mr<T>(), nr = GemmMicroKernel.Nr;
        int mcMax = Mc<T>(), ncMax = Nc<T>();
        int ncAlloc = (Math.Min(n, ncMax) + nr - 1) / nr * nr;
        int mcAlloc = (Math.Min(m, mcMax) + mr - 1) / mr * mr;
        int kcLimit = Kc;
        // With a single row block and untransposed B, each B panel is used right after it is packed and
        // never again, so one L1-sized panel buffer is reused instead of writing out the whole block.
        bool panelAtATime = !transB && m <= mcMax;
        if (panelAtATime)
        {
            // One row block (the CNN's few output channels): B is streamed once from memory, panel by panel.
            // Deeper blocks make each B column one long run the micro-kernel can prefetch linearly, as long
            // as the A block stays within half of L2 and a B micro-panel within L1.
            int deep = 256 * 1024 / sizeof(T) / mcAlloc;
            kcLimit = Math.Clamp(deep, Kc, 4096 / sizeof(T));
        }
        // Balanced depth blocks: k = 300 becomes 150 + 150, not 256 + 44.
        int kBlocks = (k + kcLimit - 1) / kcLimit;
        int kcMax = (k + kBlocks - 1) / kBlocks;
        T* packedA = ScratchBuffer<T>.Slot0(mcAlloc * kcMax);
        T* packedB = ScratchBuffer<T>.Slot1((panelAtATime ? nr : ncAlloc) * kcMax);
        T* edge = stackalloc T[16 * GemmMicroKernel.Nr]; // Mr ≤ 16 (16 floats, 8 doubles)

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                T betaNow = pc == 0 ? beta : T.One;
                T* bBlock = transB ? b + jc + pc * ldb : b + pc + jc * ldb;
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    GemmPacking.PackA(transA, transA ? a + pc + ic * lda : a + ic + pc * lda, lda, mc, kc, packedA);
                    // Columns of B (no transpose) are packed panel by panel by the first row block, right
                    // before use and with the next panel prefetched, so reading B from memory overlaps
                    // the arithmetic; rows of Bᵀ are better packed as a whole block, streaming.
                    if (ic == 0 && transB)
                        GemmPacking.PackBRows(bBlock, ldb, kc, nc, packedB);
                    Macro(ic == 0 && !transB ? bBlock : null, !panelAtATime, ldb, mc, nc, kc, packedA, packedB,
                        c + ic + jc * ldc, ldc, alpha, betaNow, edge);
                }
            }
        }
    }

    /// <summary>
    /// Sweeps the micro-kernel over an mc×nc block of C; partial edge tiles go through a scratch tile.
    /// With <paramref name="bSource"/> set (columns of an untransposed B), each B panel is packed from it first,
    /// into its place in <paramref name="packedB"/> when <paramref name="keepPanels"/> (later row blocks reuse it)
    /// or else into the one panel <paramref name="packedB"/> holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro<T>(T* bSource, bool keepPanels, nint ldb, int mc, int nc, int kc,
        T* packedA, T* packedB, T* c, nint ldc, T alpha, T beta, T* edge)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = GemmMicroKernel.Mr<T>(), nr = GemmMicroKernel.Nr;
        for (int j = 0; j < nc; j += nr)
        {
            int cols = Math.Min(nr, nc - j);
            T* bp = keepPanels ? packedB + (nint)j * kc : packedB;
            T* prefetch = bp;
            if (bSource != null)
            {
                if (j + nr < nc)
                {
                    // When the block spans whole columns of B the next panel is one contiguous run, which
                    // the micro-kernel prefetches a little per k step; otherwise ask for it all at once.
                    if (ldb == kc)
                        prefetch = bSource + (j + nr) * ldb;
                    else
                        GemmPacking.PrefetchBColumns(bSource + (j + nr) * ldb, ldb, kc, Math.Min(nr, nc - j - nr));
                }
                GemmPacking.PackBPanel(false, bSource + j * ldb, ldb, kc, cols, bp);
            }
            for (int i = 0; i < mc; i += mr)
            {
                int rows = Math.Min(mr, mc - i);
                T* ap = packedA + (nint)i * kc;
                T* cij = c + i + j * ldc;
                if (rows == mr && cols == nr)
                {
                    GemmMicroKernel.Run(kc, ap, bp, cij, ldc, alpha, beta, prefetch);
                    continue;
                }

                GemmMicroKernel.Tile(kc, ap, bp, cij, ldc, rows, cols, alpha, beta, edge);
            }
        }
    }
}
