using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Onnx.Tests;

/// <summary>How far two (outputs, samples) matrices are apart: the largest difference and the samples whose winners differ.</summary>
internal sealed record Agreement(double MaxDifference, int[] DifferentWinners)
{
    public static Agreement Of<T>(Matrix<T> expected, Matrix<T> actual) where T : struct, IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        double max = 0;
        var different = new List<int>();
        for (int j = 0; j < expected.ColumnCount; j++)
        {
            for (int i = 0; i < expected.RowCount; i++)
                max = Math.Max(max, Math.Abs(double.CreateChecked(expected[i, j] - actual[i, j])));
            if (ArgMax(expected, j) != ArgMax(actual, j)) different.Add(j);
        }
        return new Agreement(max, [.. different]);
    }

    private static int ArgMax<T>(Matrix<T> m, int column) where T : struct, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < m.RowCount; i++) if (m[i, column] > m[best, column]) best = i;
        return best;
    }
}
