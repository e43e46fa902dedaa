using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>The rectifier <c>max(0, x)</c>; its derivative is taken as 0 at x = 0, as PyTorch and Keras do.</summary>
public sealed class ReLU<T>() : Activation<T>(x => T.Max(x, T.Zero), x => x > T.Zero ? T.One : T.Zero)
    where T : struct, IFloatingPointIeee754<T>
{
    // The same functions as the delegates above, a vector at a time: ReLU sits after every convolution.
    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Relu(x, y);

    protected override void ApplyPrime(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Step(x, y);
}
