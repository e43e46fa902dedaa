using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// The engine for stride-1 layers with many weights (5×5 ones go to <see cref="WinogradConvolution{T}"/>): each image
/// is copied once into a zero-bordered buffer and the products read their im2col operand straight from it
/// (<see cref="ImplicitGemmConv"/>), so the column matrix — larger than the L2 cache there — is never written.
/// Training keeps the padded inputs (tens of kilobytes per image) for ∂L/∂W; the kernels are packed once per
/// batch. ∂L/∂x is the convolution of ∂L/∂Y with the flipped kernels when the input has enough channels to fill
/// the product's rows, and im2col's adjoint otherwise.
/// </summary>
internal sealed class ImplicitConvolution<T>(ConvGeometry geometry, int depth) : ConvolutionEngine<T>(geometry, depth)
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Fewest input channels for which the flipped convolution beats GEMM + col2im for ∂L/∂x.</summary>
    private const int MinFlippedChannels = 16;

    private const long MaxKeptPadded = 16L << 20;
    private readonly WorkerBuffers<T> _padded = new(), _scratch = new();
    private T[] _keptPadded = [], _flipped = [], _packedWeights = [], _packedFlipped = [];
    private bool _paddedKept;

    /// <summary>
    /// Whether this engine suits a layer: stride 1 on AVX2/FMA, with enough kernels and weights per kernel to fill
    /// its products, and a million multiply-adds per image or more. Smaller layers (the small CNN's) run faster on
    /// <see cref="Im2ColConvolution{T}"/>, which stacks several images into each product.
    /// </summary>
    public static bool Suits(in ConvGeometry g, int depth) =>
        ImplicitGemmConv.Supports<T>(g) && depth >= 16 && g.PatchSize >= 64 && (long)g.Positions * g.PatchSize * depth >= 1 << 20;

    public override void Forward(T[] x, T[] y, T[] w, T[] b, int n, bool training)
    {
        var g = Geometry;
        int depth = Depth, outSize = g.Positions * depth, padded = ImplicitGemmConv.PaddedLength(g);
        bool keep = _paddedKept = training && (long)n * padded <= MaxKeptPadded;
        if (keep && _keptPadded.Length != n * padded) _keptPadded = new T[n * padded];
        var kept = _keptPadded;
        var packed = Pack(w, g, depth, ref _packedWeights);
        int workers = BatchParallel.Workers(n, (long)g.Positions * g.PatchSize * depth);
        _padded.Reserve(workers);
        BatchParallel.For(n, workers, (worker, first, last) =>
        {
            var scratch = keep ? default : _padded.Get(worker, padded);
            for (int i = first; i < last; i++)
            {
                var image = keep ? kept.AsSpan(i * padded, padded) : scratch;
                ImplicitGemmConv.Pad<T>(x.AsSpan(i * g.ImageSize, g.ImageSize), g, image);
                ImplicitGemmConv.Forward<T>(image, g, w, packed.Span, depth, b, y.AsSpan(i * outSize, outSize));
            }
        });
    }

    public override void Backward(T[] x, T[] dy, T[] dx, T[] w, T[] dw, T[] db, int n, bool inputGradient)
    {
        var g = Geometry;
        int p = g.Positions, depth = Depth, outSize = p * depth, padded = ImplicitGemmConv.PaddedLength(g);
        var flippedGeometry = ImplicitGemmConv.InputGradientGeometry(g, depth);
        bool flippedConvolution = inputGradient && g.Channels >= MinFlippedChannels;
        int scratchLength = !inputGradient ? 0
            : flippedConvolution ? ImplicitGemmConv.PaddedLength(flippedGeometry) : p * g.PatchSize;
        bool kept = _paddedKept && _keptPadded.Length == n * padded;
        var saved = _keptPadded;
        ReadOnlyMemory<T> packedFlipped = default;
        if (flippedConvolution)
        {
            if (_flipped.Length != w.Length) _flipped = new T[w.Length];
            ImplicitGemmConv.FlipWeights<T>(w, g, depth, _flipped);
            packedFlipped = Pack(_flipped, flippedGeometry, g.Channels, ref _packedFlipped);
        }
        var flipped = _flipped;
        int chunks = BatchParallel.Chunks(n, (long)p * g.PatchSize * depth * (inputGradient ? 2 : 1));
        ReserveChunks(chunks);
        _padded.Reserve(BatchParallel.ChunkWorkers(chunks));
        _scratch.Reserve(BatchParallel.ChunkWorkers(chunks));
        BatchParallel.ForChunks(n, chunks, (worker, chunk, first, last) =>
        {
            var image = kept ? default : _padded.Get(worker, padded);
            var scratch = inputGradient ? _scratch.Get(worker, scratchLength) : default;
            var (dwChunk, dbChunk) = ChunkGradients(chunk, dw, db);
            for (int i = first; i < last; i++)
            {
                Span<T> input = kept ? saved.AsSpan(i * padded, padded) : image;
                if (!kept) ImplicitGemmConv.Pad<T>(x.AsSpan(i * g.ImageSize, g.ImageSize), g, input);
                var dyi = dy.AsSpan(i * outSize, outSize);
                ImplicitGemmConv.AddWeightGradient<T>(dyi, input, g, depth, dwChunk);
                for (int f = 0; f < depth; f++) dbChunk[f] += SpanMath.Sum<T>(dyi.Slice(f * p, p));
                if (!inputGradient) continue;
                var dxi = dx.AsSpan(i * g.ImageSize, g.ImageSize);
                if (flippedConvolution)
                {
                    ImplicitGemmConv.Pad<T>(dyi, flippedGeometry, scratch);
                    ImplicitGemmConv.Forward<T>(scratch, flippedGeometry, flipped, packedFlipped.Span, g.Channels, default, dxi);
                }
                else
                    Im2ColConvolution<T>.ColumnGradient(g, depth, dyi, p, w, scratch, dxi);
            }
        });
        SumChunkGradients(chunks, dw, db);
    }

    // The kernels packed once for all the batch's products; empty when there are too many to pack ahead.
    private static ReadOnlyMemory<T> Pack(T[] weights, in ConvGeometry g, int depth, ref T[] buffer)
    {
        int length = ImplicitGemmConv.PackedWeightsLength<T>(g, depth);
        if (length == 0) return default;
        if (buffer.Length != length) buffer = new T[length];
        ImplicitGemmConv.PackWeights<T>(weights, g, depth, buffer);
        return buffer;
    }
}
