using System.Globalization;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// A fully connected layer, as the tutorial's <c>Dense</c>: <c>Y = W·X + b</c>, with <c>W</c> of shape
/// (outputSize, inputSize) and <c>b</c> of shape (outputSize, 1).
/// </summary>
public sealed class Dense<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weights, _bias;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();

    /// <summary>
    /// The tutorial's initialisation by default: W and b drawn from N(0, 1) in <c>np.random.randn</c>'s order, from
    /// <see cref="Rng.Shared"/> unless <paramref name="rng"/> is given, so <c>Rng.Shared.Seed(s)</c> is
    /// <c>np.random.seed(s)</c>. Other initialisations (<see cref="Init.HeNormal"/> before ReLU) start b at zero.
    /// </summary>
    public Dense(int inputSize, int outputSize, Init init = Init.StandardNormal, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        LayerSize.Product($"Dense({inputSize}→{outputSize})", "weights", inputSize, outputSize);
        (InputSize, OutputSize, rng) = (inputSize, outputSize, rng ?? Rng.Shared);
        _weights = new("weights", Initializer.Create<T>(outputSize, inputSize, init, inputSize, outputSize, rng));
        var biasInit = init == Init.StandardNormal ? Init.StandardNormal : Init.Zeros;
        _bias = new("bias", Initializer.Create<T>(outputSize, 1, biasInit, inputSize, outputSize, rng));
    }

    public int InputSize { get; }
    public int OutputSize { get; }
    public Matrix<T> Weights => _weights.Value;
    public Matrix<T> Bias => _bias.Value;
    public override IReadOnlyList<Parameter<T>> Parameters => [_weights, _bias];
    public override string Name => $"Dense({InputSize}→{OutputSize})";
    public override string Code => string.Create(CultureInfo.InvariantCulture, $"dense {InputSize} {OutputSize}");
    string IShapedLayer.OutputShapeText => OutputSize.ToString(CultureInfo.InvariantCulture);

    public override Matrix<T> Forward(Matrix<T> input)
    {
        RequireRows(input, InputSize);
        Input = input;
        var y = _output.Get(OutputSize, input.ColumnCount);
        Ops.Affine(Weights, input, Bias, into: y);                          // Y = W·X + b
        return Output = y;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var x = RequireForward(outputGradient, OutputSize);
        var dx = _inputGradient.Get(InputSize, x.ColumnCount);
        Ops.MatMulTransposedB(outputGradient, x, into: _weights.Gradient);  // ∂L/∂W = G·Xᵀ
        Ops.SumColumns(outputGradient, into: _bias.Gradient);               // ∂L/∂b = G·1
        if (InputGradientNeeded) Ops.MatMulTransposedA(Weights, outputGradient, into: dx); // ∂L/∂X = Wᵀ·G
        else Ops.Elements(dx).Clear();
        return dx;
    }

    /// <summary>
    /// The tutorial's step, fused: ∂L/∂X = Wᵀ·G with W before the update, then W −= lr·G·Xᵀ and b −= lr·G·1.
    /// Without <see cref="Layer{T}.InputGradientNeeded"/> (the first layer) only the update runs and ∂L/∂X is zeros.
    /// </summary>
    public override Matrix<T> Backward(Matrix<T> outputGradient, double learningRate)
    {
        var x = RequireForward(outputGradient, OutputSize);
        var dx = _inputGradient.Get(InputSize, x.ColumnCount);
        T step = -StepSize(learningRate);
        if (InputGradientNeeded) Ops.MatMulTransposedAThenUpdate(Weights, outputGradient, x, step, into: dx);
        else
        {
            Ops.MatMulTransposedB(outputGradient, x, into: Weights, step, accumulate: true);
            Ops.Elements(dx).Clear();
        }
        Ops.SumColumns(outputGradient, into: Bias, scale: step, accumulate: true);
        return dx;
    }

    /// <summary>For one sample at a time: b −= lr·G, then W −= lr·G·Xᵀ and Y = W·X′ + b in one sweep over W.</summary>
    public override Matrix<T> BackwardThenForward(Matrix<T> outputGradient, double learningRate, Matrix<T> nextInput)
    {
        var x = RequireForward(outputGradient, OutputSize);
        RequireRows(nextInput, InputSize);
        if (x.ColumnCount != 1 || nextInput.ColumnCount != 1) return base.BackwardThenForward(outputGradient, learningRate, nextInput);
        T step = -StepSize(learningRate);
        Ops.SumColumns(outputGradient, into: Bias, scale: step, accumulate: true); // the forward pass starts from the new bias
        var y = _output.Get(OutputSize, 1);
        Ops.AddOuterThenAffine(Weights, outputGradient, x, step, nextInput, Bias, into: y);
        Input = nextInput;
        return Output = y;
    }
}
