using System.Runtime.CompilerServices;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// The engine for small stride-1 float layers (the small CNN's two): every product is computed straight from the
/// zero-bordered image by <see cref="DirectConv"/>, so neither pass writes a column matrix, packs a GEMM operand
/// or scatters columns back. ∂L/∂x is the convolution of ∂L/∂Y with the flipped kernels on the same kernels.
/// The 512-bit versions run where <see cref="Simd.Wide"/> allows, with the same bits as the 256-bit ones.
/// </summary>
internal sealed class DirectConvolution : ConvolutionEngine<float>
{
    /// <summary>
    /// Most chunks ∂L/∂W is cut into: each chunk clears, fills and reduces its own partial sums (16 per weight), which
    /// costs as much as a few images' products, so a chunk should hold many images.
    /// </summary>
    private const int MaxChunks = 4;

    private readonly DirectGrid _grid, _flippedGrid;
    // On 64-byte boundaries (AlignedMemory), so the kernels' vectors over the wide grid and the partial sums never
    // straddle two cache lines (a straddling load costs two).
    private readonly WorkerBuffers<float> _padded = new(), _wide = new(), _dyWide = new(), _sums = new(), _paddedGradient = new(), _wideGradient = new();
    private float[] _flipped = [];

    public DirectConvolution(ConvGeometry geometry, int depth) : base(geometry, depth)
    {
        _grid = new DirectGrid(geometry);
        _flippedGrid = new DirectGrid(ImplicitGemmConv.InputGradientGeometry(geometry, depth));
    }

    /// <summary>
    /// Whether this engine suits a layer: float, stride 1 and padding under the kernel size, and fewer than a million
    /// multiply-adds per image (larger layers keep their GEMM-shaped engines). With 16 vector registers only (AVX2
    /// without AVX-512) its blocks are smaller, and layers of more than 16 kernels run faster on im2col.
    /// </summary>
    public static bool Suits<T>(in ConvGeometry g, int depth) =>
        typeof(T) == typeof(float) && DirectConv.Supports(g) && (long)g.Positions * g.PatchSize * depth < 1 << 20
        && (DirectConv.ManyRegisters || depth <= 16);

    private long WorkPerImage => (long)Geometry.Positions * Geometry.PatchSize * Depth;

    public override void Forward(float[] x, float[] y, float[] w, float[] b, int n, bool training)
    {
        var grid = _grid;
        var g = Geometry;
        int depth = Depth, outSize = g.Positions * depth;
        int workers = BatchParallel.Workers(n, WorkPerImage);
        _padded.Reserve(workers);
        _wide.Reserve(workers);
        bool wide = Simd.Wide;
        BatchParallel.For(n, workers, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (worker, first, last) =>
        {
            var padded = _padded.Get(worker, grid.PaddedLength);
            var scratch = _wide.Get(worker, depth * grid.WideLength);
            for (int i = first; i < last; i++)
            {
                DirectConv.Pad(x.AsSpan(i * g.ImageSize, g.ImageSize), grid, padded);
                var yi = y.AsSpan(i * outSize, outSize);
                if (wide) DirectConv.Forward<Lanes512>(padded, grid, w, b, depth, scratch, yi);
                else DirectConv.Forward<Lanes256>(padded, grid, w, b, depth, scratch, yi);
            }
        });
    }

    public override void Backward(float[] x, float[] dy, float[] dx, float[] w, float[] dw, float[] db, int n, bool inputGradient)
    {
        var (grid, flippedGrid) = (_grid, _flippedGrid);
        var g = Geometry;
        int depth = Depth, channels = g.Channels, outSize = g.Positions * depth;
        if (inputGradient)
        {
            if (_flipped.Length != w.Length) _flipped = new float[w.Length];
            ImplicitGemmConv.FlipWeights<float>(w, g, depth, _flipped);
        }
        var flipped = _flipped;
        int chunks = Math.Min(MaxChunks, BatchParallel.Chunks(n, WorkPerImage * (inputGradient ? 2 : 1)));
        int workers = BatchParallel.ChunkWorkers(chunks);
        ReserveChunks(chunks);
        foreach (var buffers in (ReadOnlySpan<WorkerBuffers<float>>)[_padded, _dyWide, _sums, _paddedGradient, _wideGradient])
            buffers.Reserve(workers);
        bool wide = Simd.Wide;
        BatchParallel.ForChunks(n, chunks, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (worker, chunk, first, last) =>
        {
            var (dwChunk, dbChunk) = ChunkGradients(chunk, dw, db);
            var padded = _padded.Get(worker, grid.PaddedLength);
            var dyWide = _dyWide.Get(worker, depth * grid.WideLength);
            var sums = _sums.Get(worker, DirectConv.PartialSumsLength(g, depth));
            sums.Clear();
            var paddedGradient = inputGradient ? _paddedGradient.Get(worker, flippedGrid.PaddedLength) : default;
            var wideGradient = inputGradient ? _wideGradient.Get(worker, channels * flippedGrid.WideLength) : default;
            for (int i = first; i < last; i++)
            {
                var dyi = dy.AsSpan(i * outSize, outSize);
                DirectConv.Pad(x.AsSpan(i * g.ImageSize, g.ImageSize), grid, padded);
                DirectConv.Widen(dyi, grid, depth, dyWide);
                if (wide) DirectConv.WeightGradient<Lanes512>(padded, grid, dyWide, depth, sums);
                else DirectConv.WeightGradient<Lanes256>(padded, grid, dyWide, depth, sums);
                if (!inputGradient) continue;
                // ∂L/∂x = ∂L/∂Y, padded by k − 1 − padding, convolved with the flipped kernels (channels ↔ kernels).
                DirectConv.Pad(dyi, flippedGrid, paddedGradient);
                var dxi = dx.AsSpan(i * g.ImageSize, g.ImageSize);
                if (wide) DirectConv.Forward<Lanes512>(paddedGradient, flippedGrid, flipped, [], channels, wideGradient, dxi);
                else DirectConv.Forward<Lanes256>(paddedGradient, flippedGrid, flipped, [], channels, wideGradient, dxi);
            }
            DirectConv.ReduceWeightGradient(sums, g, depth, dwChunk, dbChunk);
        });
        SumChunkGradients(chunks, dw, db);
    }
}
