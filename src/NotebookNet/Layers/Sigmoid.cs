using System.Numerics;

namespace NotebookNet.Layers;

/// <summary>The logistic function <c>σ(x) = 1 / (1 + e^−x)</c>, with derivative <c>σ(x)(1 − σ(x))</c>.</summary>
public sealed class Sigmoid<T>() : Activation<T>(Logistic, x => Logistic(x) * (T.One - Logistic(x)))
    where T : struct, IFloatingPointIeee754<T>
{
    private static T Logistic(T x) => T.One / (T.One + T.Exp(-x));
}
