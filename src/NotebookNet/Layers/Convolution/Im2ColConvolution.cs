using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// The general engine, for any stride: for each image, im2col lays every window out as a row of a
/// (positions × C·k·k) matrix, and the convolution becomes one product with the (depth × C·k·k) weights
/// (<see cref="Blas.Gemm{T}"/>, or <see cref="SmallConv"/> when there are so few weights that packing for a GEMM
/// costs more than the product). A few images' column matrices are stacked into one taller product while they
/// still fit the L2 cache. The backward pass reuses the column matrices (kept from the forward pass while
/// training, when they are small enough) for ∂L/∂W and scatters ∂L/∂columns back with col2im.
/// </summary>
internal sealed class Im2ColConvolution<T>(ConvGeometry geometry, int depth) : ConvolutionEngine<T>(geometry, depth)
    where T : struct, IFloatingPointIeee754<T>
{
    private const long GroupBytes = 256 << 10;
    private const int MaxGroup = 8;

    // The column matrices of the last forward pass, kept for the backward pass when they are small enough
    // (a few megabytes for MNIST-sized layers); larger ones are rebuilt image by image.
    private const long MaxCachedColumns = 8L << 20;
    private T[] _cachedColumns = [];
    private bool _columnsCached;
    private readonly WorkerBuffers<T> _columns = new(), _columnGradients = new(), _stacked = new();

    private bool Small => SmallConv.SuitsForward(Geometry.PatchSize, Depth);

    public override void Forward(T[] x, T[] y, T[] w, T[] b, int n, bool training)
    {
        var g = Geometry;
        int p = g.Positions, patch = g.PatchSize, depth = Depth, outSize = p * depth;
        bool small = Small;
        int group = GroupSize(), groups = (n + group - 1) / group;
        long columnsPerImage = (long)p * patch;
        // Evaluation has no backward pass to keep the columns for.
        bool cache = _columnsCached = training && n * columnsPerImage <= MaxCachedColumns;
        if (cache && _cachedColumns.Length != n * columnsPerImage) _cachedColumns = new T[n * columnsPerImage];
        var cached = _cachedColumns;
        int workers = BatchParallel.Workers(groups, group * columnsPerImage * depth);
        _columns.Reserve(workers);
        _stacked.Reserve(workers);
        BatchParallel.For(groups, workers, (worker, first, last) =>
        {
            var buffer = cache ? default : _columns.Get(worker, group * p * patch);
            var stacked = group > 1 ? _stacked.Get(worker, group * outSize) : default;
            for (int gi = first; gi < last; gi++)
            {
                int start = gi * group, count = Math.Min(group, n - start), rows = count * p;
                var columns = cache ? cached.AsSpan(start * p * patch, count * p * patch) : buffer[..(count * p * patch)];
                for (int j = 0; j < count; j++)
                    Im2Col.Forward<T>(x.AsSpan((start + j) * g.ImageSize, g.ImageSize), g, columns[(j * p)..], rows);
                if (count == 1)
                {
                    var yi = y.AsSpan(start * outSize, outSize);
                    if (small)
                    {
                        SmallConv.Forward<T>(columns, p, patch, w, b, depth, yi);
                        continue;
                    }
                    for (int f = 0; f < depth; f++) yi.Slice(f * p, p).Fill(b[f]);
                    // (positions × depth) = columns (positions × C·k·k) · Wᵀ: channel f's map is column f, contiguous (CHW).
                    Blas.Gemm(false, true, p, depth, patch, T.One, columns, p, w, depth, T.One, yi, p);
                    continue;
                }
                // Several images stacked: one taller product, then each image's maps moved to its own column (CHW).
                Blas.Gemm(false, true, rows, depth, patch, T.One, columns, rows, w, depth, T.Zero, stacked, rows);
                for (int j = 0; j < count; j++)
                    for (int f = 0; f < depth; f++)
                        SpanMath.AddScalar<T>(stacked.Slice(f * rows + j * p, p), b[f], y.AsSpan((start + j) * outSize + f * p, p));
            }
        });
    }

    public override void Backward(T[] x, T[] dy, T[] dx, T[] w, T[] dw, T[] db, int n, bool inputGradient)
    {
        var g = Geometry;
        int p = g.Positions, patch = g.PatchSize, depth = Depth, outSize = p * depth;
        bool smallGradient = SmallConv.SuitsWeightGradient(patch, depth);
        // The same groups as the forward pass, so cached column blocks line up.
        int group = GroupSize(), groups = (n + group - 1) / group;
        bool cached = _columnsCached && _cachedColumns.Length == (long)n * p * patch;
        var saved = _cachedColumns;
        int chunks = BatchParallel.Chunks(groups, group * (long)p * patch * depth * (inputGradient ? 2 : 1));
        int workers = BatchParallel.ChunkWorkers(chunks);
        ReserveChunks(chunks);
        _columns.Reserve(workers);
        _columnGradients.Reserve(workers);
        _stacked.Reserve(workers);
        BatchParallel.ForChunks(groups, chunks, (worker, chunk, first, last) =>
        {
            var buffer = cached ? default : _columns.Get(worker, group * p * patch);
            var columnGradient = inputGradient ? _columnGradients.Get(worker, group * p * patch) : default;
            var stacked = group > 1 ? _stacked.Get(worker, group * outSize) : default;
            var (dwChunk, dbChunk) = ChunkGradients(chunk, dw, db);
            for (int gi = first; gi < last; gi++)
            {
                int start = gi * group, count = Math.Min(group, n - start), rows = count * p;
                Span<T> columns;
                if (cached)
                    columns = saved.AsSpan(start * p * patch, count * p * patch);
                else
                {
                    columns = buffer[..(count * p * patch)];
                    for (int j = 0; j < count; j++)
                        Im2Col.Forward<T>(x.AsSpan((start + j) * g.ImageSize, g.ImageSize), g, columns[(j * p)..], rows);
                }
                // ∂L/∂Y of the group as (rows × depth): one image's is already that; several are stacked.
                ReadOnlySpan<T> dyGroup;
                if (count == 1)
                    dyGroup = dy.AsSpan(start * outSize, outSize);
                else
                {
                    for (int j = 0; j < count; j++)
                        for (int f = 0; f < depth; f++)
                            dy.AsSpan((start + j) * outSize + f * p, p).CopyTo(stacked.Slice(f * rows + j * p, p));
                    dyGroup = stacked[..(rows * depth)];
                }
                // ∂L/∂W (depth × C·k·k) += ∂L/∂Yᵀ (depth × rows) · columns (rows × C·k·k); ∂L/∂b += row sums.
                if (smallGradient)
                    SmallConv.WeightGradient<T>(dyGroup, columns, rows, patch, depth, dwChunk, dbChunk);
                else
                {
                    Blas.Gemm(true, false, depth, patch, rows, T.One, dyGroup, rows, columns, rows, T.One, dwChunk, depth);
                    for (int f = 0; f < depth; f++) dbChunk[f] += SpanMath.Sum(dyGroup.Slice(f * rows, rows));
                }
                if (!inputGradient) continue;
                for (int j = 0; j < count; j++)
                    ColumnGradient(g, depth, dyGroup[(j * p)..], rows, w, columnGradient, dx.AsSpan((start + j) * g.ImageSize, g.ImageSize));
            }
        });
        SumChunkGradients(chunks, dw, db);
    }

    /// <summary>
    /// ∂L/∂x of one image: ∂L/∂columns (positions × C·k·k) = ∂L/∂Y (positions × depth, leading dimension
    /// <paramref name="ld"/>) · W, scattered back to the pixels by col2im. <paramref name="columnGradient"/> is scratch.
    /// </summary>
    internal static void ColumnGradient(in ConvGeometry g, int depth, ReadOnlySpan<T> dy, int ld, ReadOnlySpan<T> w,
        Span<T> columnGradient, Span<T> dx)
    {
        int p = g.Positions, patch = g.PatchSize;
        Blas.Gemm(false, false, p, patch, depth, T.One, dy, ld, w, depth, T.Zero, columnGradient, p);
        dx.Clear();
        Im2Col.Backward<T>(columnGradient, g, dx);
    }

    // Images per product: enough stacked rows that a GEMM runs at full speed, few enough that a group's
    // column matrix stays in the L2 cache. The direct small products gain nothing from stacking.
    private int GroupSize()
    {
        if (Small) return 1;
        long bytes = (long)Geometry.Positions * Geometry.PatchSize * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return (int)Math.Clamp(GroupBytes / bytes, 1, MaxGroup);
    }
}
