using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// The base of every layer, as the tutorial's <c>Layer</c>: a forward pass and a backward pass.
/// Inputs are matrices whose columns are samples, so the tutorial's single column vector is a batch of one.
/// </summary>
/// <typeparam name="T">double for the tutorial's float64 network, float for the fast CNN.</typeparam>
public abstract class Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>The input kept by the last forward pass (the tutorial's <c>self.input</c>).</summary>
    public Matrix<T>? Input { get; protected set; }

    /// <summary>The output of the last forward pass (the tutorial's <c>self.output</c>).</summary>
    public Matrix<T>? Output { get; protected set; }

    /// <summary>True while training; layers such as Dropout behave differently at evaluation.</summary>
    public bool IsTraining { get; set; } = true;

    /// <summary>
    /// False when nothing reads ∂L/∂input, as for the first layer of a network: a layer may then skip that
    /// product and return zeros of the input's shape. <c>Sequential.Backward</c> clears it for its first layer.
    /// </summary>
    public bool InputGradientNeeded { get; set; } = true;

    /// <summary>The layer's trainable parameters with their gradients; empty for layers without any.</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>A readable name for messages, e.g. "Dense(784→40)".</summary>
    public virtual string Name => GetType().Name.Split('`')[0];

    /// <summary>Computes the output for <paramref name="input"/> (one sample per column).</summary>
    public abstract Matrix<T> Forward(Matrix<T> input);

    /// <summary>
    /// Given ∂L/∂output, stores ∂L/∂parameter in each <see cref="Parameter{T}.Gradient"/> and returns ∂L/∂input.
    /// Parameters are left unchanged: an optimizer applies the step.
    /// </summary>
    public abstract Matrix<T> Backward(Matrix<T> outputGradient);

    /// <summary>
    /// The tutorial's <c>backward(output_gradient, learning_rate)</c>: backward pass followed by a plain
    /// SGD step <c>p -= learning_rate · ∂L/∂p</c> on every parameter.
    /// </summary>
    public virtual Matrix<T> Backward(Matrix<T> outputGradient, double learningRate)
    {
        var inputGradient = Backward(outputGradient);
        T lr = T.CreateChecked(learningRate);
        foreach (var p in Parameters)
        {
            var value = MatrixData.Of(p.Value);
            var gradient = MatrixData.Of(p.Gradient);
            for (int i = 0; i < value.Length; i++) value[i] -= lr * gradient[i];
        }
        return inputGradient;
    }

    /// <summary>Throws a clear error when <paramref name="input"/> does not have <paramref name="rows"/> rows.</summary>
    protected void RequireRows(Matrix<T> input, int rows, string what = "input")
    {
        if (input.RowCount != rows)
            throw new ShapeMismatchException(
                $"{Name}: expected {what} of {rows} rows (one sample per column), got {input.RowCount}x{input.ColumnCount}.");
    }

    /// <summary>Throws when Backward is called before Forward or with a gradient of another shape than the output.</summary>
    protected Matrix<T> RequireForward(Matrix<T> outputGradient, int rows)
    {
        var input = Input ?? throw new InvalidOperationException($"{Name}: Backward called before Forward.");
        if (outputGradient.RowCount != rows || outputGradient.ColumnCount != input.ColumnCount)
            throw new ShapeMismatchException(
                $"{Name}: expected an output gradient of {rows}x{input.ColumnCount}, got {outputGradient.RowCount}x{outputGradient.ColumnCount}.");
        return input;
    }
}
