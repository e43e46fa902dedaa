using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace NotebookNet.Tensors;

/// <summary>Reaches the column-major array behind a dense MathNet matrix so kernels can work in place.</summary>
public static class MatrixData
{
    /// <summary>The storage array of <paramref name="matrix"/>: element (i, j) is at j·RowCount + i.</summary>
    public static T[] Of<T>(Matrix<T> matrix) where T : struct, IFloatingPointIeee754<T> =>
        matrix.Storage is DenseColumnMajorMatrixStorage<T> dense
            ? dense.Data
            : throw new ArgumentException(
                $"Expected a dense matrix, got {matrix.Storage.GetType().Name} ({matrix.RowCount}x{matrix.ColumnCount}).",
                nameof(matrix));
}
