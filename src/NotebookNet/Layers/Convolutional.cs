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
/// A few images' column matrices are stacked into one taller product while they still fit the L2 cache.
/// The backward pass reuses the column matrices (kept from the forward pass while training, when they are
/// small enough) for ∂L/∂W and scatters ∂L/∂columns back with col2im. Groups of images are split between
/// the cores (<see cref="BatchParallel"/>).
/// </para>
/// The returned output and input gradient matrices are reused by the next call with the same batch size;
/// clone them to keep them.
/// </summary>
public sealed class Convolutional<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weights, _bias;
    private readonly ConvGeometry _geometry;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();
    private readonly T[]?[] _columns, _columnGradients, _weightGradients, _biasGradients, _stackedOutputs;
    private const long GroupBytes = 256 << 10;
    private const int MaxGroup = 8;

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
        (_columns, _columnGradients, _weightGradients, _biasGradients, _stackedOutputs) =
            (new T[cores][], new T[cores][], new T[cores][], new T[cores][], new T[cores][]);
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
        bool small = depth * patch <= SmallConv.MaxWeights;
        int group = GroupSize(small), groups = (n + group - 1) / group;
        long columnsPerImage = (long)p * patch;
        // Evaluation has no backward pass to keep the columns for.
        bool cache = _columnsCached = IsTraining && n * columnsPerImage <= MaxCachedColumns;
        if (cache && _cachedColumns.Length != n * columnsPerImage) _cachedColumns = new T[n * columnsPerImage];
        var cached = _cachedColumns;
        int workers = BatchParallel.Workers(groups, group * columnsPerImage * depth);
        BatchParallel.For(groups, workers, (worker, first, last) =>
        {
            var buffer = cache ? null : Buffer(_columns, worker, group * p * patch);
            var stacked = group > 1 ? Buffer(_stackedOutputs, worker, group * outSize) : null;
            for (int gi = first; gi < last; gi++)
            {
                int start = gi * group, count = Math.Min(group, n - start), rows = count * p;
                var columns = cache ? cached.AsSpan(start * p * patch, count * p * patch) : buffer.AsSpan(0, count * p * patch);
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
                        SpanMath.AddScalar<T>(stacked.AsSpan(f * rows + j * p, p), b[f], y.AsSpan((start + j) * outSize + f * p, p));
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
        bool small = depth * patch <= SmallConv.MaxWeights;
        // The same groups as the forward pass, so cached column blocks line up.
        int group = GroupSize(small), groups = (n + group - 1) / group;
        bool cached = _columnsCached && _cachedColumns.Length == (long)n * p * patch;
        var saved = _cachedColumns;
        int workers = BatchParallel.Workers(groups, group * (long)p * patch * depth * (needInput ? 2 : 1));
        BatchParallel.For(groups, workers, (worker, first, last) =>
        {
            var buffer = cached ? null : Buffer(_columns, worker, group * p * patch);
            var columnGradient = needInput ? Buffer(_columnGradients, worker, group * p * patch) : null;
            var stacked = group > 1 ? Buffer(_stackedOutputs, worker, group * outSize) : null;
            // Worker 0 writes straight into the parameter gradients; the others into their own, summed below.
            var dwWorker = worker == 0 ? dw : Buffer(_weightGradients, worker, dw.Length);
            var dbWorker = worker == 0 ? db : Buffer(_biasGradients, worker, db.Length);
            Array.Clear(dwWorker);
            Array.Clear(dbWorker);
            for (int gi = first; gi < last; gi++)
            {
                int start = gi * group, count = Math.Min(group, n - start), rows = count * p;
                Span<T> columns;
                if (cached)
                    columns = saved.AsSpan(start * p * patch, count * p * patch);
                else
                {
                    columns = buffer.AsSpan(0, count * p * patch);
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
                            dy.AsSpan((start + j) * outSize + f * p, p).CopyTo(stacked.AsSpan(f * rows + j * p, p));
                    dyGroup = stacked.AsSpan(0, rows * depth);
                }
                // ∂L/∂W (depth × C·k·k) += ∂L/∂Yᵀ (depth × rows) · columns (rows × C·k·k); ∂L/∂b += row sums.
                if (small)
                    SmallConv.WeightGradient<T>(dyGroup, columns, rows, patch, depth, dwWorker, dbWorker);
                else
                {
                    Blas.Gemm(true, false, depth, patch, rows, T.One, dyGroup, rows, columns, rows, T.One, dwWorker, depth);
                    for (int f = 0; f < depth; f++) dbWorker[f] += SpanMath.Sum(dyGroup.Slice(f * rows, rows));
                }
                if (columnGradient is null) continue;
                // ∂L/∂columns (rows × C·k·k) = ∂L/∂Y (rows × depth) · W, scattered back to each image by col2im.
                Blas.Gemm(false, false, rows, patch, depth, T.One, dyGroup, rows, w, depth, T.Zero, columnGradient, rows);
                for (int j = 0; j < count; j++)
                {
                    var dxi = dx.AsSpan((start + j) * g.ImageSize, g.ImageSize);
                    dxi.Clear();
                    Im2Col.Backward<T>(columnGradient.AsSpan(j * p), g, dxi, rows);
                }
            }
        });
        for (int worker = 1; worker < workers; worker++)
        {
            SpanMath.Add<T>(_weightGradients[worker]!, dw);
            SpanMath.Add<T>(_biasGradients[worker]!, db);
        }
        return inputGradient;
    }

    // Images per product: enough stacked rows that a GEMM runs at full speed, few enough that a group's
    // column matrix stays in the L2 cache. The direct small products gain nothing from stacking.
    private int GroupSize(bool small)
    {
        if (small) return 1;
        long bytes = (long)_geometry.Positions * _geometry.PatchSize * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        return (int)Math.Clamp(GroupBytes / bytes, 1, MaxGroup);
    }

    private static T[] Buffer(T[]?[] buffers, int worker, int length)
    {
        var buffer = buffers[worker];
        if (buffer is null || buffer.Length != length) buffers[worker] = buffer = new T[length];
        return buffer;
    }
}
