using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Losses;

/// <summary>
/// A loss a <c>Trainer</c> minimises: the mean loss of a batch of network <paramref name="outputs"/> (one sample per
/// column) against class <paramref name="labels"/>, with ∂L/∂outputs written into <paramref name="gradient"/>
/// (the outputs' shape). <see cref="Loss.SoftmaxCrossEntropy{T}(ReadOnlySpan{int}, Matrix{T}, Matrix{T})"/> is one.
/// </summary>
public delegate double ClassificationLoss<T>(ReadOnlySpan<int> labels, Matrix<T> outputs, Matrix<T> gradient)
    where T : struct, IFloatingPointIeee754<T>;
