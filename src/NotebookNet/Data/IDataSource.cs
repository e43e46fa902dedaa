using System.Numerics;

namespace NotebookNet.Data;

/// <summary>
/// Labelled samples that a trainer draws mini-batches from. Samples are gathered into a caller's buffer,
/// so data can stay compact (MNIST bytes) until a batch needs it.
/// </summary>
public interface IDataSource<T> where T : struct, IFloatingPointIeee754<T>
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Rows of one sample's column (784 for MNIST).</summary>
    int Features { get; }

    /// <summary>Number of classes; labels are in [0, Classes).</summary>
    int Classes { get; }

    /// <summary>The class of sample <paramref name="index"/>.</summary>
    int Label(int index);

    /// <summary>Writes the samples at <paramref name="indices"/> one per column (column-major) into <paramref name="destination"/>.</summary>
    void Gather(ReadOnlySpan<int> indices, Span<T> destination);
}
