using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// An element-wise activation, as the tutorial's <c>Activation(activation, activation_prime)</c>:
/// <c>Y = f(X)</c>, and <c>∂L/∂X = ∂L/∂Y ∘ f'(X)</c>.
/// </summary>
public class Activation<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Func<T, T> _activation, _activationPrime;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();

    public Activation(Func<T, T> activation, Func<T, T> activationPrime)
    {
        _activation = activation ?? throw new ArgumentNullException(nameof(activation));
        _activationPrime = activationPrime ?? throw new ArgumentNullException(nameof(activationPrime));
    }

    public override Matrix<T> Forward(Matrix<T> input)
    {
        Input = input;
        var y = _output.Get(input.RowCount, input.ColumnCount);
        Apply(Ops.Elements(input), Ops.Elements(y));                        // Y = f(X)
        return Output = y;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var x = RequireForward(outputGradient, Input?.RowCount ?? 0);
        var dx = _inputGradient.Get(x.RowCount, x.ColumnCount);
        Gradient(Ops.Elements(x), Ops.Elements(outputGradient), Ops.Elements(dx)); // ∂L/∂X = G ∘ f'(X)
        return dx;
    }

    /// <summary>y = f(x) element-wise; subclasses may replace it with a vectorised kernel.</summary>
    protected virtual void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = _activation(x[i]);
    }

    /// <summary>dx = g ∘ f'(x) element-wise; subclasses may replace it with a vectorised kernel.</summary>
    protected virtual void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++) dx[i] = _activationPrime(x[i]) * g[i];
    }
}
