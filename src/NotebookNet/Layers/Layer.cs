using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// The base of every layer, as the tutorial's <c>Layer</c>: a forward pass and a backward pass.
/// Inputs are matrices whose columns are samples, so the tutorial's single column vector is a batch of one.
/// </summary>
/// <remarks>
/// Buffer ownership, the same for every layer: a layer owns the matrices that <see cref="Forward"/> and
/// <see cref="Backward(Matrix{T})"/> return and overwrites them on its next call with the same batch size
/// (training repeats one shape thousands of times, and a fresh matrix per call costs zeroing and collections);
/// clone a result to keep it. A layer never changes the matrices it is given, and a shape-only layer may
/// return the very matrix it was given.
/// </remarks>
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
    /// product and return zeros of the input's shape. <c>Sequential.Backward</c> and <c>Tutorial.Train</c> clear it for
    /// their first layer.
    /// </summary>
    public bool InputGradientNeeded { get; set; } = true;

    /// <summary>The layer's trainable parameters with their gradients; empty for layers without any.</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>A readable name for messages, e.g. "Dense(784→40)".</summary>
    public virtual string Name => GetType().Name.Split('`')[0];

    /// <summary>
    /// The layer's kind and shape as model files record it, e.g. "dense 784 40": unlike <see cref="Name"/>, which
    /// may be reworded for readers, it stays fixed, so saved files keep loading. By default the class name in lower
    /// case; a layer with a shape (or a class that gets renamed) spells its own.
    /// </summary>
    public virtual string Code => GetType().Name.Split('`')[0].ToLowerInvariant();

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
        T lr = StepSize(learningRate);
        var inputGradient = Backward(outputGradient);
        foreach (var p in Parameters)
        {
            var value = Ops.Elements(p.Value);
            var gradient = Ops.Elements(p.Gradient);
            for (int i = 0; i < value.Length; i++) value[i] -= lr * gradient[i];
        }
        return inputGradient;
    }

    /// <summary>
    /// <see cref="Backward(Matrix{T}, double)"/> on this sample, then <see cref="Forward"/> on
    /// <paramref name="nextInput"/>, returning the forward output; ∂L/∂input is not returned, so this is for a first
    /// layer, whose input gradient nobody reads. <see cref="Training.Tutorial.Train{T}"/> calls it between samples so
    /// that a layer may fuse the two (Dense sweeps its weights once instead of twice); the numbers are those of the two calls.
    /// </summary>
    public virtual Matrix<T> BackwardThenForward(Matrix<T> outputGradient, double learningRate, Matrix<T> nextInput)
    {
        Backward(outputGradient, learningRate);
        return Forward(nextInput);
    }

    /// <summary>The tutorial's learning rate as a <typeparamref name="T"/>, refused (naming the layer) unless finite and not negative.</summary>
    protected T StepSize(double learningRate) =>
        // Name is built only for the message: the tutorial's loop steps every layer on every sample.
        Optimizers.LearningRateCheck.IsValid(learningRate)
            ? T.CreateChecked(learningRate)
            : T.CreateChecked(Optimizers.LearningRateCheck.Validate(learningRate, Name));

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
