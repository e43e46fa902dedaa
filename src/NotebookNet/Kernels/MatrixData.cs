using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace NotebookNet.Kernels;

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

    /// <summary>A new dense rows×columns matrix of zeros.</summary>
    public static Matrix<T> Zeros<T>(int rows, int columns) where T : struct, IFloatingPointIeee754<T> =>
        Matrix<T>.Build.Dense(rows, columns);

    /// <summary>A dense matrix that wraps <paramref name="data"/> without copying.</summary>
    public static Matrix<T> Wrap<T>(int rows, int columns, T[] data) where T : struct, IFloatingPointIeee754<T> =>
        Matrix<T>.Build.Dense(rows, columns, data);
}
