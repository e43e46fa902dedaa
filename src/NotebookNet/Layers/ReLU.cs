using System.Numerics;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>The rectifier <c>max(0, x)</c>; its derivative is taken as 0 at x = 0, as PyTorch and Keras do.</summary>
/// <remarks>
/// ReLU follows every convolution of a CNN, so it computes the same functions as the delegates a vector at a
/// time, and its backward pass in one sweep.
/// </remarks>
public sealed class ReLU<T>() : Activation<T>(x => T.Max(x, T.Zero), x => x > T.Zero ? T.One : T.Zero)
    where T : struct, IFloatingPointIeee754<T>
{
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Relu(x, y);

    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx) => SpanMath.ReluGradient(x, g, dx);
}
