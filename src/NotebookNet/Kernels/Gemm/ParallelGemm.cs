using System.Numerics;

namespace NotebookNet.Kernels;

/// <summary>
/// A product of stored matrices, split over the workers of <see cref="BatchParallel"/> by columns (or rows) of C in
/// whole micro-tiles, each part running <see cref="GemmDriver"/> with its own buffers. Every part uses the depth
/// blocks of the whole product, so each element of C is summed in the same order however many parts there are.
/// </summary>
internal static unsafe class ParallelGemm
{
    /// <summary>Fewest micro-tiles (along the split dimension) per part: each part re-packs the operand it shares.</summary>
    private const int MinPartTiles = 4;

    /// <summary>C = alpha·op(A)·op(B) + beta·C for m, n, k &gt; 0 and alpha ≠ 0.</summary>
    public static void Run<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int kcMax = GemmDriver.DepthBlock<T>(m, k, streamsB: !transB || StoredB<T>.ReadsInPlace(m));
        int mr = GemmMicroKernel.Mr<T>(), nr = GemmMicroKernel.Nr;
        // Split the dimension with more micro-tiles, so every part keeps full tiles.
        bool splitN = (n + nr - 1) / nr >= (m + mr - 1) / mr;
        int extent = splitN ? n : m, unit = splitN ? nr : mr, units = (extent + unit - 1) / unit;
        int parts = units / MinPartTiles;
        int workers = parts < 2 ? 1 : BatchParallel.Workers(parts, (long)m * n * k / parts);
        if (workers < 2)
        {
            Part(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, kcMax);
            return;
        }

        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        // One part per worker: every extra part re-reads the shared operand, which for the CNN's products (a
        // weight-gradient A of several MB) comes from memory. Earlier parts take the spare whole tiles, so the last part,
        // which holds any partial tile (the slower, packed path), has fewer.
        BatchParallel.For(workers, workers, (w, _, _) =>
        {
            int first = (units * w + workers - 1) / workers, last = (units * (w + 1) + workers - 1) / workers;
            int start = first * unit, end = Math.Min(extent, last * unit);
            if (end <= start) return;
            T* a0 = (T*)pa, b0 = (T*)pb, c0 = (T*)pc;
            if (splitN)
                Part(transA, transB, m, end - start, k, alpha, a0, lda,
                    transB ? b0 + start : b0 + start * ldb, ldb, beta, c0 + start * ldc, ldc, kcMax);
            else
                Part(transA, transB, end - start, n, k, alpha, transA ? a0 + start * lda : a0 + start, lda,
                    b0, ldb, beta, c0 + start, ldc, kcMax);
        });
    }

    private static void Part<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        T* a, nint lda, T* b, nint ldb, T beta, T* c, nint ldc, int kcMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Row offsets of B for a depth block (Bᵀ read in place), or the k steps themselves (B's columns).
        int* rows = null;
        if (StoredB<T>.ReadsInPlace(m) && (long)GemmMicroKernel.Nr * ldb <= int.MaxValue && (long)kcMax * ldb <= int.MaxValue)
        {
            if (transB)
            {
                int* offsets = stackalloc int[kcMax];
                for (int p = 0; p < kcMax; p++) offsets[p] = (int)(p * ldb);
                rows = offsets;
            }
            else rows = Panels.Steps;
        }
        GemmDriver.Run(m, n, k, alpha, new StoredA<T>(transA, a, lda), new StoredB<T>(transB, b, ldb, n, rows), beta, c, ldc, kcMax);
    }
}
