using System.Numerics;

namespace NotebookNet.Layers;

/// <summary>The hyperbolic tangent, <c>tanh(x)</c>, with derivative <c>1 − tanh²(x)</c>.</summary>
public sealed class Tanh<T>() : Activation<T>(T.Tanh, x => T.One - T.Tanh(x) * T.Tanh(x))
    where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>
    /// dx = g ∘ (1 − y²) with y the forward pass's output, which already holds tanh(x): the same numbers as the
    /// derivative above without evaluating tanh twice more per element (tanh dominates the tutorial's small layers).
    /// </summary>
    protected override void Gradient(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx)
    {
        for (int i = 0; i < x.Length; i++) dx[i] = (T.One - y[i] * y[i]) * g[i];
    }
}
