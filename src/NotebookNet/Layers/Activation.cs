using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
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
        T[] xs = MatrixData.Of(input), ys = MatrixData.Of(y);
        int rows = input.RowCount;
        ForImages(input.ColumnCount, rows, (start, count) =>
            Apply(xs.AsSpan(start * rows, count * rows), ys.AsSpan(start * rows, count * rows))); // Y = f(X)
        return Output = y;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var x = RequireForward(outputGradient, Input?.RowCount ?? 0);
        var dx = _inputGradient.Get(x.RowCount, x.ColumnCount);
        T[] xs = MatrixData.Of(x), gs = MatrixData.Of(outputGradient), dxs = MatrixData.Of(dx);
        int rows = x.RowCount;
        ForImages(x.ColumnCount, rows, (start, count) =>
            Gradient(xs.AsSpan(start * rows, count * rows), gs.AsSpan(start * rows, count * rows),
                dxs.AsSpan(start * rows, count * rows))); // ∂L/∂X = G ∘ f'(X)
        return dx;
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first column, columns) over the batch split as the layers around it split it
    /// (<see cref="BatchParallel"/>), so each core works on the samples already in its cache instead of one core
    /// fetching the other's half; a single sample (the tutorial's) runs inline.
    /// </summary>
    private static void ForImages(int columns, int rows, Action<int, int> body) =>
        BatchParallel.For(columns, BatchParallel.Workers(columns, 4L * rows), (_, start, end) => body(start, end - start));

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
