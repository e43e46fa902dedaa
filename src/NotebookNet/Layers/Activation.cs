using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// An element-wise activation, as the tutorial's <c>Activation(activation, activation_prime)</c>:
/// forward applies <c>f</c>, backward multiplies the output gradient by <c>f'(input)</c>.
/// </summary>
public class Activation<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Func<T, T> _activation, _activationPrime;

    public Activation(Func<T, T> activation, Func<T, T> activationPrime)
    {
        _activation = activation;
        _activationPrime = activationPrime;
    }

    public override Matrix<T> Forward(Matrix<T> input)
    {
        Input = input;
        var output = Matrix<T>.Build.Dense(input.RowCount, input.ColumnCount);
        Apply(MatrixData.Of(input), MatrixData.Of(output));
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var input = RequireForward(outputGradient, Input?.RowCount ?? 0);
        var result = Matrix<T>.Build.Dense(input.RowCount, input.ColumnCount);
        var x = MatrixData.Of(input);
        var g = MatrixData.Of(outputGradient);
        var dx = MatrixData.Of(result);
        ApplyPrime(x, dx);
        for (int i = 0; i < dx.Length; i++) dx[i] *= g[i];
        return result;
    }

    /// <summary>y = f(x) element-wise; subclasses may replace it with a vectorised kernel.</summary>
    protected virtual void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = _activation(x[i]);
    }

    /// <summary>y = f'(x) element-wise; subclasses may replace it with a vectorised kernel.</summary>
    protected virtual void ApplyPrime(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = _activationPrime(x[i]);
    }
}
