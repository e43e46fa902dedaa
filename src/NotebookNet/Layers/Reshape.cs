using NotebookNet.Tensors;
using System.Numerics;

namespace NotebookNet.Layers;

/// <summary>
/// The tutorial family's <c>Reshape(input_shape, output_shape)</c>. With one sample per column stored
/// contiguously, a reshape moves no data: the layer checks the row count and passes the same matrix on,
/// relabelled with the new shape for <c>Summary</c> and for the next layer's checks.
/// </summary>
public sealed class Reshape<T> : PassThroughLayer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly int _size;

    /// <summary>Any shapes with the same number of elements, e.g. <c>new Reshape&lt;double&gt;([5, 26, 26], [5 * 26 * 26])</c>.</summary>
    public Reshape(int[] inputShape, int[] outputShape)
    {
        InputShape = Validated(inputShape, nameof(inputShape));
        OutputShape = Validated(outputShape, nameof(outputShape));
        _size = Product(InputShape);
        if (Product(OutputShape) != _size)
            throw new ArgumentException(
                $"Reshape: {Format(InputShape)} has {_size} elements but {Format(OutputShape)} has {Product(OutputShape)}.");
    }

    /// <summary>Between two image shapes, e.g. (16, 5, 5) → (400, 1, 1).</summary>
    public Reshape((int Depth, int Height, int Width) inputShape, (int Depth, int Height, int Width) outputShape)
        : this([inputShape.Depth, inputShape.Height, inputShape.Width], [outputShape.Depth, outputShape.Height, outputShape.Width])
    {
    }

    public IReadOnlyList<int> InputShape { get; }
    public IReadOnlyList<int> OutputShape { get; }

    public override string Name => $"Reshape({Format(InputShape)} → {Format(OutputShape)})";
    public override string Code => $"reshape {Format(InputShape)} {Format(OutputShape)}";

    private protected override int Size => _size;
    private protected override string OutputShapeText => Format(OutputShape);

    internal static string Format(IReadOnlyList<int> shape) => string.Join("x", shape);

    private static int Product(IReadOnlyList<int> shape) =>
        LayerSize.Product("Reshape", "the shape", shape.Select(d => (long)d).ToArray());

    private static int[] Validated(int[] shape, string name)
    {
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Reshape: the shape [{string.Join(", ", shape)}] must have positive dimensions.", name);
        return (int[])shape.Clone();
    }
}
