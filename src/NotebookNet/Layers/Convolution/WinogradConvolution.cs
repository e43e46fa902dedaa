using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// The engine for stride-1 5×5 layers with many weights (LeNet-5's second layer), on Winograd's minimal filtering
/// (<see cref="WinogradConv"/>: F(4×4, 5×5) needs 64 multiply-adds for every 400 of a direct product, F(2×2, 5×5) for
/// the smallest outputs 36 for every 100): the forward pass;
/// ∂L/∂x, itself a stride-1 5×5 convolution of ∂L/∂Y with the flipped kernels; and ∂L/∂W, the same transforms run
/// backwards and summed over each chunk's tiles. The kernels are transformed once per batch. The batch is cut into
/// fixed shares (<see cref="BatchParallel"/>): every image's output and input gradient is the same whatever share it
/// falls in, and the weight gradient is summed over chunks that depend on the batch alone, so the result has the same
/// bits on any number of cores.
/// </summary>
internal sealed class WinogradConvolution<T>(ConvGeometry geometry, int depth) : ConvolutionEngine<T>(geometry, depth)
    where T : struct, IFloatingPointIeee754<T>
{
    // One set per product shape, so no workspace is reallocated between the passes.
    private readonly WorkerBuffers<T> _forward = new(), _weightGradient = new(), _inputGradient = new();
    private T[] _kernels = [], _flipped = [], _flippedKernels = [];

    /// <summary>
    /// Whether this engine suits a layer: one <see cref="ImplicitConvolution{T}"/> would suit (enough kernels and weights
    /// to fill the products), with 5×5 kernels at stride 1 and a padding the input gradient's convolution can use too.
    /// </summary>
    public static bool Suits(in ConvGeometry g, int depth) =>
        WinogradConv.Supports<T>(g) && WinogradConv.Supports<T>(ImplicitGemmConv.InputGradientGeometry(g, depth))
        && ImplicitConvolution<T>.Suits(g, depth);

    public override void Forward(T[] x, T[] y, T[] w, T[] b, int n, bool training)
    {
        Transform(w, Geometry, Depth, ref _kernels);
        Convolve(x, Geometry, _kernels, Depth, b, y, n, _forward);
    }

    public override void Backward(T[] x, T[] dy, T[] dx, T[] w, T[] dw, T[] db, int n, bool inputGradient)
    {
        var g = Geometry;
        int depth = Depth, inSize = g.ImageSize, outSize = g.Positions * depth;
        int chunks = BatchParallel.Chunks(n, (long)g.Positions * g.PatchSize * depth);
        int workspace = WinogradConv.WeightGradientWorkspaceLength<T>(g, depth, (n + chunks - 1) / chunks);
        ReserveChunks(chunks);
        _weightGradient.Reserve(BatchParallel.ChunkWorkers(chunks));
        BatchParallel.ForChunks(n, chunks, (worker, chunk, first, last) =>
        {
            var (dwChunk, dbChunk) = ChunkGradients(chunk, dw, db);
            int images = last - first;
            if (images == 0) return;
            var dyChunk = dy.AsSpan(first * outSize, images * outSize);
            WinogradConv.AddWeightGradient<T>(x.AsSpan(first * inSize, images * inSize), dyChunk, g, depth, images, dwChunk,
                _weightGradient.Get(worker, workspace));
            for (int i = 0; i < images; i++)
                for (int f = 0; f < depth; f++) dbChunk[f] += SpanMath.Sum<T>(dyChunk.Slice(i * outSize + f * g.Positions, g.Positions));
        });
        SumChunkGradients(chunks, dw, db);
        if (!inputGradient) return;
        var flippedGeometry = ImplicitGemmConv.InputGradientGeometry(g, depth);
        if (_flipped.Length != w.Length) _flipped = new T[w.Length];
        ImplicitGemmConv.FlipWeights<T>(w, g, depth, _flipped);
        Transform(_flipped, flippedGeometry, g.Channels, ref _flippedKernels);
        Convolve(dy, flippedGeometry, _flippedKernels, g.Channels, [], dx, n, _inputGradient);
    }

    private static void Transform(T[] weights, in ConvGeometry g, int depth, ref T[] buffer)
    {
        int length = WinogradConv.KernelsLength<T>(g, depth);
        if (buffer.Length != length) buffer = new T[length];
        WinogradConv.TransformKernels<T>(weights, g, depth, buffer);
    }

    // y = conv(x) for the n images, each worker taking a contiguous share in calls of a few images.
    private static void Convolve(T[] x, ConvGeometry g, T[] kernels, int depth, T[] bias, T[] y, int n, WorkerBuffers<T> workspaces)
    {
        int perCall = WinogradConv.ImagesPerCall(g), workspace = WinogradConv.WorkspaceLength<T>(g, depth, perCall);
        int inSize = g.ImageSize, outSize = g.Positions * depth;
        int workers = BatchParallel.Workers(n, (long)g.Positions * g.PatchSize * depth);
        workspaces.Reserve(workers);
        BatchParallel.For(n, workers, (worker, first, last) =>
        {
            var scratch = workspaces.Get(worker, workspace);
            for (int i = first; i < last; i += perCall)
            {
                int images = Math.Min(perCall, last - i);
                WinogradConv.Forward<T>(x.AsSpan(i * inSize, images * inSize), g, kernels, depth, bias,
                    y.AsSpan(i * outSize, images * outSize), images, scratch);
            }
        });
    }
}
