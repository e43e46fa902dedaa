using System.Numerics;

namespace NotebookNet.Layers;

/// <summary>The hyperbolic tangent, <c>tanh(x)</c>, with derivative <c>1 − tanh²(x)</c>.</summary>
public sealed class Tanh<T>() : Activation<T>(T.Tanh, x => T.One - T.Tanh(x) * T.Tanh(x))
    where T : struct, IFloatingPointIeee754<T>;
