using System.Globalization;
using System.Numerics;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// Turns each (depth, height, width) image into a flat feature vector for a <see cref="Dense{T}"/> layer.
/// A sample's column already holds its CHW values contiguously, so this checks the size and passes the same
/// matrix on; it is a <see cref="Reshape{T}"/> to one dimension, named as Keras and PyTorch name it.
/// </summary>
public sealed class Flatten<T> : PassThroughLayer<T> where T : struct, IFloatingPointIeee754<T>
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
    public override string Code => $"flatten {ImageShape.Format(InputShape)}";

    private protected override int Size => OutputSize;
    private protected override string OutputShapeText => OutputSize.ToString(CultureInfo.InvariantCulture);
}
