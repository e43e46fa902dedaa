using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Layers;

/// <summary>
/// A trainable tensor of a layer and the gradient of the loss with respect to it.
/// Layers fill <see cref="Gradient"/> in <c>Backward</c>; optimizers read it and change <see cref="Value"/>.
/// </summary>
public sealed class Parameter<T> where T : struct, IFloatingPointIeee754<T>
{
    public Parameter(string name, Matrix<T> value)
    {
        Name = name;
        Value = value;
        Gradient = Matrix<T>.Build.Dense(value.RowCount, value.ColumnCount);
    }

    /// <summary>Short name within its layer, such as "weights" or "bias".</summary>
    public string Name { get; }

    public Matrix<T> Value { get; }

    public Matrix<T> Gradient { get; }
}
