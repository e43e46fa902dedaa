using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Layers;

/// <summary>
/// Turns each (depth, height, width) image into a flat feature vector for a <see cref="Dense{T}"/> layer.
/// A sample's column already holds its CHW values contiguously, so this checks the size and passes the same
/// matrix on; it is a <see cref="Reshape{T}"/> to one dimension, named as Keras and PyTorch name it.
/// </summary>
public sealed class Flatten<T> : Layer<T>, IShapedLayer where T : struct, IFloatingPointIeee754<T>
{
    public Flatten((int Depth, int Height, int Width) inputShape)
    {
        ImageShape.Validate(inputShape, "Flatten");
        InputShape = inputShape;
    }

    public (int Depth, int Height, int Width) InputShape { get; }

    /// <summary>Depth·Height·Width.</summary>
    public int OutputSize => ImageShape.Size(InputShape);

    public override string Name => $"Flatten({ImageShape.Format(InputShape)} → {OutputSize})";

    int IShapedLayer.OutputRows => OutputSize;
    string IShapedLayer.OutputShapeText => OutputSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override Matrix<T> Forward(Matrix<T> input)
    {
        RequireRows(input, OutputSize);
        Input = input;
        return Output = input;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        RequireForward(outputGradient, OutputSize);
        return outputGradient;
    }
}
