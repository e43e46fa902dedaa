using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Layers;

/// <summary>
/// A layer that only relabels the shape of its input (<see cref="Reshape{T}"/>, <see cref="Flatten{T}"/>).
/// With one sample per column stored contiguously, a new shape moves no data: the forward pass checks the
/// row count and passes the same matrix on, and the backward pass passes the gradient back unchanged.
/// </summary>
public abstract class PassThroughLayer<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    // Only this library's shape layers derive from it, so the protected surface stays internal.
    private protected PassThroughLayer()
    {
    }

    /// <summary>Elements of one sample, the rows of both the input and the output column.</summary>
    private protected abstract int Size { get; }

    /// <summary>The output shape as <c>Sequential.Summary</c> prints it.</summary>
    private protected abstract string OutputShapeText { get; }

    string IShapedLayer.OutputShapeText => OutputShapeText;

    public sealed override Matrix<T> Forward(Matrix<T> input)
    {
        RequireRows(input, Size);
        Input = input;
        return Output = input;
    }

    public sealed override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        RequireForward(outputGradient, Size);
        return outputGradient;
    }
}
