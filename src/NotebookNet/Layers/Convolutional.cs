using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// A 2-D convolution (cross-correlation, as every deep-learning library computes it) with <c>depth</c> kernels of
/// <c>kernelSize × kernelSize × inputDepth</c> weights and one bias per kernel. Each input column is one image in
/// CHW order; each output column is <c>(depth, outHeight, outWidth)</c> in CHW order, with
/// <c>out = ⌊(in + 2·padding − kernelSize) / stride⌋ + 1</c>.
/// <para>
/// The products run on one of three engines, all splitting the batch between the cores (<see cref="BatchParallel"/>):
/// <see cref="WinogradConvolution{T}"/> for stride-1 5×5 layers with many weights (Winograd's fast algorithm),
/// <see cref="ImplicitConvolution{T}"/> for the other stride-1 layers with many weights, whose products read every
/// window straight from the zero-padded image; <see cref="DirectConvolution"/> for small stride-1 float layers (the
/// small CNN's), which computes every product straight from the image without any GEMM; and
/// <see cref="Im2ColConvolution{T}"/> for the rest (any stride), which writes the column matrices out and multiplies
/// them by GEMM, or by <see cref="SmallConv"/>'s direct products when the kernels have few weights (a first layer).
/// </para>
/// </summary>
public sealed class Convolutional<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weights, _bias;
    private readonly ConvGeometry _geometry;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();
    private readonly ConvolutionEngine<T> _engine;

    /// <summary>
    /// The tutorial family's <c>Convolutional(input_shape, kernel_size, depth)</c>, plus stride and zero padding.
    /// Weights are drawn from <paramref name="rng"/> in NumPy's C order of shape (depth, inputDepth, k, k); He-normal by default
    /// (fan-in C·k·k), with biases at zero (drawn from N(0, 1) too for <see cref="Init.StandardNormal"/>).
    /// </summary>
    public Convolutional((int Depth, int Height, int Width) inputShape, int kernelSize, int depth, Rng rng,
        int stride = 1, int padding = 0, Init init = Init.HeNormal)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depth);
        _geometry = new ConvGeometry(inputShape.Depth, inputShape.Height, inputShape.Width, kernelSize, stride, padding);
        string owner = $"Convolutional({ImageShape.Format(inputShape)}, kernel {kernelSize}, depth {depth})";
        _geometry.Validate(owner);
        LayerSize.Product(owner, "the weights", depth, _geometry.PatchSize);
        LayerSize.Product(owner, "the output shape", depth, _geometry.OutHeight, _geometry.OutWidth);
        ArgumentNullException.ThrowIfNull(rng);
        InputShape = inputShape;
        OutputShape = (depth, _geometry.OutHeight, _geometry.OutWidth);
        int patch = _geometry.PatchSize;
        _weights = new("weights", Initializer.Create<T>(depth, patch, init, patch, depth * kernelSize * kernelSize, rng));
        var biasInit = init == Init.StandardNormal ? Init.StandardNormal : Init.Zeros;
        _bias = new("bias", Initializer.Create<T>(depth, 1, biasInit, patch, depth, rng));
        _engine = WinogradConvolution<T>.Suits(_geometry, depth) ? new WinogradConvolution<T>(_geometry, depth)
            : ImplicitConvolution<T>.Suits(_geometry, depth) ? new ImplicitConvolution<T>(_geometry, depth)
            : DirectConvolution.Suits<T>(_geometry, depth) ? (ConvolutionEngine<T>)(object)new DirectConvolution(_geometry, depth)
            : new Im2ColConvolution<T>(_geometry, depth);
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

    /// <summary>The engine computing the products, e.g. "DirectConvolution" (for tests and benchmarks).</summary>
    internal string EngineName => _engine.GetType().Name.Split('`')[0];

    public override string Name => $"Convolutional({ImageShape.Format(InputShape)} → {ImageShape.Format(OutputShape)})";

    public override string Code => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"conv {ImageShape.Format(InputShape)} k{KernelSize} s{Stride} p{Padding} d{Depth}");

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
        RequireRows(input, _geometry.ImageSize);
        Input = input;
        int n = input.ColumnCount;
        var output = _output.Get(_geometry.Positions * Depth, n);
        // Y = W ⋆ X + b: every kernel slid over every image, plus its bias.
        _engine.Forward(MatrixData.Of(input), MatrixData.Of(output), MatrixData.Of(Weights), MatrixData.Of(Bias), n, IsTraining);
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var input = RequireForward(outputGradient, _geometry.Positions * Depth);
        int n = input.ColumnCount;
        bool needInput = InputGradientNeeded;
        var inputGradient = _inputGradient.Get(_geometry.ImageSize, n);
        var dx = MatrixData.Of(inputGradient);
        if (!needInput) Array.Clear(dx);
        // ∂L/∂W = G ⋆ X, ∂L/∂b = Σ G over positions and images, ∂L/∂X = G convolved with the flipped kernels.
        _engine.Backward(MatrixData.Of(input), MatrixData.Of(outputGradient), dx, MatrixData.Of(Weights),
            MatrixData.Of(_weights.Gradient), MatrixData.Of(_bias.Gradient), n, needInput);
        return inputGradient;
    }
}
