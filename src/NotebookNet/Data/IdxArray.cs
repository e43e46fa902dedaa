namespace NotebookNet.Data;

/// <summary>
/// An unsigned-byte IDX array: its shape as the header declares it and the payload in row-major order
/// (the last dimension varies fastest), exactly as the file stores it.
/// </summary>
public sealed class IdxArray
{
    internal IdxArray(int[] shape, byte[] data) => (Shape, Data) = (shape, data);

    /// <summary>Dimension sizes, outermost first, e.g. [60000, 28, 28] for MNIST training images.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The payload; its length is the product of <see cref="Shape"/>.</summary>
    public byte[] Data { get; }

    /// <summary>The shape as NumPy prints it, e.g. "(60000, 28, 28)" or "(10000,)".</summary>
    public override string ToString() => Idx.FormatShape(Shape.Select(d => (long)d).ToArray());
}
