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
        int workers = Workers(input);
        if (workers > 1) ApplyBySamples(input, y, workers);
        else Apply(Ops.Elements(input), Ops.Elements(y));                   // Y = f(X)
        return Output = y;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var x = RequireForward(outputGradient, Input?.RowCount ?? 0);
        var dx = _inputGradient.Get(x.RowCount, x.ColumnCount);
        int workers = Workers(x);
        if (workers > 1) GradientBySamples(x, Output!, outputGradient, dx, workers);
        else Gradient(Ops.Elements(x), Ops.Elements(Output!), Ops.Elements(outputGradient), Ops.Elements(dx)); // ∂L/∂X = G ∘ f'(X)
        return dx;
    }

    /// <summary>
    /// The cores a batch is split over, as the layers around it split it (<see cref="BatchParallel"/>): each core then
    /// works on the samples already in its cache instead of one core fetching the other's half. A single sample (the
    /// tutorial's) stays on one.
    /// </summary>
    private static int Workers(Matrix<T> m) => BatchParallel.Workers(m.ColumnCount, 4L * m.RowCount);

    // The split passes live in methods of their own, so a sample at a time builds no closure.
    private void ApplyBySamples(Matrix<T> x, Matrix<T> y, int workers)
    {
        T[] xs = MatrixData.Of(x), ys = MatrixData.Of(y);
        int rows = x.RowCount;
        BatchParallel.For(x.ColumnCount, workers, (_, start, end) =>
            Apply(xs.AsSpan(start * rows, (end - start) * rows), ys.AsSpan(start * rows, (end - start) * rows)));
    }

    private void GradientBySamples(Matrix<T> x, Matrix<T> y, Matrix<T> g, Matrix<T> dx, int workers)
    {
        T[] xs = MatrixData.Of(x), ys = MatrixData.Of(y), gs = MatrixData.Of(g), dxs = MatrixData.Of(dx);
        int rows = x.RowCount;
        BatchParallel.For(x.ColumnCount, workers, (_, start, end) =>
        {
            int from = start * rows, length = (end - start) * rows;
            Gradient(xs.AsSpan(from, length), ys.AsSpan(from, length), gs.AsSpan(from, length), dxs.AsSpan(from, length));
        });
    }

    /// <summary>y = f(x) element-wise; subclasses may replace it with a vectorised kernel.</summary>
    protected virtual void Apply(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < x.Length; i++) y[i] = _activation(x[i]);
    }

    /// <summary>
    /// dx = g ∘ f'(x) element-wise, with <paramref name="y"/> = f(x) at the same places (the same samples' slice of the
    /// forward output, for derivatives written in terms of it); subclasses may replace it with a vectorised kernel.
    /// </summary>
    protected virtual void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++) dx[i] = _activationPrime(x[i]) * g[i];
    }
}
