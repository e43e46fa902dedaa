using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Layers;

/// <summary>
/// One reusable matrix per role (output, input gradient) of a layer: training calls Forward with the same batch
/// size thousands of times, and a fresh multi-megabyte matrix per call costs zeroing and large-object collections.
/// </summary>
internal sealed class MatrixCache<T> where T : struct, IFloatingPointIeee754<T>
{
    private Matrix<T>? _matrix;

    /// <summary>A rows×columns matrix, the same instance as last time when the shape is unchanged; contents are stale.</summary>
    public Matrix<T> Get(int rows, int columns)
    {
        if (_matrix is null || _matrix.RowCount != rows || _matrix.ColumnCount != columns)
            _matrix = Matrix<T>.Build.Dense(rows, columns);
        return _matrix;
    }
}
