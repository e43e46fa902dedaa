using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// A 2-D convolution (cross-correlation, as every deep-learning library computes it) with <c>depth</c> kernels of
/// <c>kernelSize × kernelSize × inputDepth</c> weights and one bias per kernel. Each input column is one image in
/// CHW order; each output column is <c>(depth, outHeight, outWidth)</c> in CHW order, with
/// <c>out = ⌊(in + 2·padding − kernelSize) / stride⌋ + 1</c>.
/// <para>
/// For each image, im2col lays every window out as a row of a (positions × C·k·k) matrix, and the whole
/// convolution becomes one product with the (depth × C·k·k) weight matrix (<see cref="Blas.Gemm{T}"/>, or
/// <see cref="SmallConv"/> when there are so few weights that packing for a GEMM costs more than the product).
/// The backward pass reuses the same column matrix for ∂L/∂W and scatters ∂L/∂columns back with col2im.
/// Images are split between the cores.
/// </para>
/// The returned output and input gradient matrices are reused by the next call with the same batch size;
/// clone them to keep them.
/// </summary>
public sealed class Convolutional<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weights, _bias;
    private readonly ConvGeometry _geometry;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();
    private readonly T[]?[] _columns, _columnGradients, _weightGradients, _biasGradients;

    // The column matrices of the last forward pass, kept for the backward pass when they are small enough
    // (a few megabytes for MNIST-sized layers); larger ones are rebuilt image by image.
    private const long MaxCachedColumns = 8L << 20;
    private T[] _cachedColumns = [];
    private bool _columnsCached;

    /// <summary>
    /// The tutorial family's <c>Convolutional(input_shape, kernel_size, depth)</c>, plus stride and zero padding.
    /// Weights are drawn in NumPy's C order of shape (depth, inputDepth, k, k); He-normal by default
    /// (fan-in C·k·k), with biases at zero (drawn from N(0, 1) too for <see cref="Init.StandardNormal"/>).
    /// </summary>
    public Convolutional((int Depth, int Height, int Width) inputShape, int kernelSize, int depth,
        int stride = 1, int padding = 0, Init init = Init.HeNormal, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        _geometry = new ConvGeometry(inputShape.Depth, inputShape.Height, inputShape.Width, kernelSize, stride, padding);
        _geometry.Validate($"Convolutional({ImageShape.Format(inputShape)}, kernel {kernelSize}, depth {depth})");
        rng ??= Rng.Shared;
        InputShape = inputShape;
        OutputShape = (depth, _geometry.OutHeight, _geometry.OutWidth);
        int patch = _geometry.PatchSize;
        _weights = new("weights", Initializer.Create<T>(depth, patch, init, patch, depth * kernelSize * kernelSize, rng));
        var biasInit = init == Init.StandardNormal ? Init.StandardNormal : Init.Zeros;
        _bias = new("bias", Initializer.Create<T>(depth, 1, biasInit, patch, depth, rng));
        int cores = Environment.ProcessorCount;
        (_columns, _columnGradients, _weightGradients, _biasGradients) = (new T[cores][], new T[cores][], new T[cores][], new T[cores][]);
    }

    public (int Depth, int Height, int Width) InputShape { get; }
    public (int Depth, int Height, int Width) OutputShape { get; }
    public int KernelSize => _geometry.KernelSize;
    public int Stride => _geometry.Stride;
    public int Padding => _geometry.Padding;

    /// <summary>The number of kernels (output channels).</summary>
    public int Depth => OutputShape.Depth;

    /// <summary>All kernels, (depth, C·k·k): row f is kernel f flattened as (channel, row, column).</summary>
    public Matrix<T> Weights => _weights.Value;

    /// <summary>One bias per kernel, (depth, 1).</summary>
    public Matrix<T> Bias => _bias.Value;

    public override IReadOnlyList<Parameter<T>> Parameters => [_weights, _bias];

    public override string Name => $"Convolutional({ImageShape.Format(InputShape)} → {ImageShape.Format(OutputShape)})";

    int IShapedLayer.OutputRows => ImageShape.Size(OutputShape);
    string IShapedLayer.OutputShapeText => ImageShape.Format(OutputShape);

    /// <summary>A copy of the k×k slice of kernel <paramref name="filter"/> that sees input channel <paramref name="channel"/>, for display.</summary>
    public Matrix<T> Kernel(int filter, int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(filter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(filter, Depth);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, InputShape.Depth);
        int k = KernelSize;
        return Matrix<T>.Build.Dense(k, k, (i, j) => Weights[filter, (channel * k + i) * k + j]);
    }

    public override Matrix<T> Forward(Matrix<T> input)
    {
        var g = _geometry;
        RequireRows(input, g.ImageSize);
        Input = input;
        int n = input.ColumnCount, p = g.Positions, patch = g.PatchSize, depth = Depth, outSize = p * depth;
        var output = _output.Get(outSize, n);
        var x = MatrixData.Of(input);
        var y = MatrixData.Of(output);
        var w = MatrixData.Of(Weights);
        var b = MatrixData.Of(Bias);
        long columnsPerImage = (long)p * patch;
        _columnsCached = n * columnsPerImage <= MaxCachedColumns;
        if (_columnsCached && _cachedColumns.Length != n * columnsPerImage) _cachedColumns = new T[n * columnsPerImage];
        var cached = _cachedColumns;
        bool cache = _columnsCached, small = depth * patch <= SmallConv.MaxWeights;
        int workers = BatchParallel.Workers(n, columnsPerImage * depth);
        BatchParallel.For(n, workers, (worker, start, end) =>
        {
            var buffer = cache ? null : Buffer(_columns, worker, p * patch);
            for (int i = start; i < end; i++)
            {
                var columns = cache ? cached.AsSpan(i * p * patch, p * patch) : buffer;
                Im2Col.Forward<T>(x.AsSpan(i * g.ImageSize, g.ImageSize), g, columns);
                var yi = y.AsSpan(i * outSize, outSize);
                if (small)
                {
                    SmallConv.Forward<T>(columns, p, patch, w, b, depth, yi);
                    continue;
                }
                for (int f = 0; f < depth; f++) yi.Slice(f * p, p).Fill(b[f]);
                // (positions × depth) = columns (positions × C·k·k) · Wᵀ: channel f's map is column f, contiguous (CHW).
                Blas.Gemm(false, true, p, depth, patch, T.One, columns, p, w, depth, T.One, yi, p);
            }
        });
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var g = _geometry;
        int p = g.Positions, patch = g.PatchSize, depth = Depth, outSize = p * depth;
        var input = RequireForward(outputGradient, outSize);
        int n = input.ColumnCount;
        bool needInput = InputGradientNeeded;
        var inputGradient = _inputGradient.Get(g.ImageSize, n);
        var x = MatrixData.Of(input);
        var dy = MatrixData.Of(outputGradient);
        var dx = MatrixData.Of(inputGradient);
        var w = MatrixData.Of(Weights);
        var dw = MatrixData.Of(_weights.Gradient);
        var db = MatrixData.Of(_bias.Gradient);
        if (!needInput) Array.Clear(dx);
        bool cached = _columnsCached && _cachedColumns.Length == (long)n * p * patch;
        var saved = _cachedColumns;
        bool small = depth * patch <= SmallConv.MaxWeights;
        int workers = BatchParallel.Workers(n, (long)p * patch * depth * (needInput ? 2 : 1));
        BatchParallel.For(n, workers, (worker, start, end) =>
        {
            var buffer = cached ? null : Buffer(_columns, worker, p * patch);
            var columnGradient = needInput ? Buffer(_columnGradients, worker, p * patch) : null;
            // Worker 0 writes straight into the parameter gradients; the others into their own, summed below.
            var dwWorker = worker == 0 ? dw : Buffer(_weightGradients, worker, dw.Length);
            var dbWorker = worker == 0 ? db : Buffer(_biasGradients, worker, db.Length);
            Array.Clear(dwWorker);
            Array.Clear(dbWorker);
            for (int i = start; i < end; i++)
            {
                var dyi = dy.AsSpan(i * outSize, outSize);
                Span<T> columns;
                if (cached)
                    columns = saved.AsSpan(i * p * patch, p * patch);
                else
                    Im2Col.Forward<T>(x.AsSpan(i * g.ImageSize, g.ImageSize), g, columns = buffer);
                // ∂L/∂W (depth × C·k·k) += ∂L/∂Yᵀ (depth × positions) · columns
                if (small)
                    SmallConv.WeightGradient<T>(dyi, columns, p, patch, depth, dwWorker, dbWorker);
                else
                {
                    Blas.Gemm(true, false, depth, patch, p, T.One, dyi, p, columns, p, T.One, dwWorker, depth);
                    for (int f = 0; f < depth; f++) dbWorker[f] += SpanMath.Sum<T>(dyi.Slice(f * p, p));
                }
                if (columnGradient is null) continue;
                // ∂L/∂columns (positions × C·k·k) = ∂L/∂Y (positions × depth) · W
                Blas.Gemm(false, false, p, patch, depth, T.One, dyi, p, w, depth, T.Zero, columnGradient, p);
                var dxi = dx.AsSpan(i * g.ImageSize, g.ImageSize);
                dxi.Clear();
                Im2Col.Backward<T>(columnGradient, g, dxi);
            }
        });
        for (int worker = 1; worker < workers; worker++)
        {
            SpanMath.Add<T>(_weightGradients[worker]!, dw);
            SpanMath.Add<T>(_biasGradients[worker]!, db);
        }
        return inputGradient;
    }

    private static T[] Buffer(T[]?[] buffers, int worker, int length)
    {
        var buffer = buffers[worker];
        if (buffer is null || buffer.Length != length) buffers[worker] = buffer = new T[length];
        return buffer;
    }
}
