using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// A fully connected layer: <c>output = W · X + b</c>, with <c>W</c> of shape (outputSize, inputSize)
/// and <c>b</c> of shape (outputSize, 1), as the tutorial's <c>Dense</c>.
/// </summary>
public sealed class Dense<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weights, _bias;

    /// <summary>
    /// Creates the layer. The default initialisation is the tutorial's: weights and bias both drawn from
    /// N(0, 1) with <c>np.random.randn</c>'s sequence; pass <see cref="Init.HeNormal"/> for ReLU networks.
    /// </summary>
    public Dense(int inputSize, int outputSize, Init init = Init.StandardNormal, Rng? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        rng ??= Rng.Shared;
        InputSize = inputSize;
        OutputSize = outputSize;
        _weights = new("weights", Initializer.Create<T>(outputSize, inputSize, init, inputSize, outputSize, rng));
        // The tutorial draws its bias from N(0, 1) too; modern initialisations start it at zero.
        var biasInit = init == Init.StandardNormal ? Init.StandardNormal : Init.Zeros;
        _bias = new("bias", Initializer.Create<T>(outputSize, 1, biasInit, inputSize, outputSize, rng));
    }

    public int InputSize { get; }
    public int OutputSize { get; }

    /// <summary>W, (outputSize, inputSize).</summary>
    public Matrix<T> Weights => _weights.Value;

    /// <summary>b, (outputSize, 1).</summary>
    public Matrix<T> Bias => _bias.Value;

    public override IReadOnlyList<Parameter<T>> Parameters => [_weights, _bias];

    public override string Name => $"Dense({InputSize}→{OutputSize})";

    public override Matrix<T> Forward(Matrix<T> input)
    {
        RequireRows(input, InputSize);
        Input = input;
        int n = input.ColumnCount;
        var output = Matrix<T>.Build.Dense(OutputSize, n);
        var y = MatrixData.Of(output);
        var b = MatrixData.Of(Bias);
        for (int j = 0; j < n; j++) b.AsSpan().CopyTo(y.AsSpan(j * OutputSize, OutputSize));
        Blas.Gemm(false, false, OutputSize, n, InputSize, T.One,
            MatrixData.Of(Weights), OutputSize, MatrixData.Of(input), InputSize, T.One, y, OutputSize);
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var input = RequireForward(outputGradient, OutputSize);
        int n = input.ColumnCount;
        var g = MatrixData.Of(outputGradient);
        // ∂L/∂W = G · Xᵀ
        Blas.Gemm(false, true, OutputSize, InputSize, n, T.One,
            g, OutputSize, MatrixData.Of(input), InputSize, T.Zero, MatrixData.Of(_weights.Gradient), OutputSize);
        // ∂L/∂b = G · 1 (sum over the batch)
        var db = MatrixData.Of(_bias.Gradient);
        Array.Clear(db);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < OutputSize; i++) db[i] += g[j * OutputSize + i];
        return InputGradient(g, n);
    }

    /// <summary>
    /// The tutorial's step, fused: the input gradient is taken with the weights before the update, then
    /// <c>W -= lr · G·Xᵀ</c> and <c>b -= lr · G</c> are applied without storing ∂L/∂W.
    /// </summary>
    public override Matrix<T> Backward(Matrix<T> outputGradient, double learningRate)
    {
        var input = RequireForward(outputGradient, OutputSize);
        int n = input.ColumnCount;
        var g = MatrixData.Of(outputGradient);
        T lr = T.CreateChecked(learningRate);
        var x = MatrixData.Of(input);
        var w = MatrixData.Of(Weights);
        Matrix<T> inputGradient;
        if (n == 1)
        {
            // The tutorial's per-sample step: Wᵀ·g and W -= lr·g·xᵀ in one pass over W.
            inputGradient = Matrix<T>.Build.Dense(InputSize, 1);
            Blas.GemvTransposedThenGer(OutputSize, InputSize, -lr, w, OutputSize, g, x, MatrixData.Of(inputGradient));
        }
        else
        {
            inputGradient = InputGradient(g, n);
            Blas.Gemm(false, true, OutputSize, InputSize, n, -lr, g, OutputSize, x, InputSize, T.One, w, OutputSize);
        }
        var b = MatrixData.Of(Bias);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < OutputSize; i++) b[i] -= lr * g[j * OutputSize + i];
        return inputGradient;
    }

    // ∂L/∂X = Wᵀ · G
    private Matrix<T> InputGradient(T[] g, int n)
    {
        var dx = Matrix<T>.Build.Dense(InputSize, n);
        Blas.Gemm(true, false, InputSize, n, OutputSize, T.One,
            MatrixData.Of(Weights), OutputSize, g, OutputSize, T.Zero, MatrixData.Of(dx), InputSize);
        return dx;
    }
}
