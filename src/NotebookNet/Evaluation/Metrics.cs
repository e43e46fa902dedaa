using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Evaluation;

/// <summary>Predicted classes and accuracy from network outputs (one sample per column).</summary>
public static class Metrics
{
    /// <summary>The row of the largest value of each column (the first one on ties, as NumPy's argmax).</summary>
    public static int[] ArgMax<T>(Matrix<T> outputs) where T : struct, IFloatingPointIeee754<T>
    {
        int rows = outputs.RowCount;
        var z = MatrixData.Of(outputs);
        var result = new int[outputs.ColumnCount];
        for (int j = 0; j < result.Length; j++)
        {
            var column = z.AsSpan(j * rows, rows);
            int best = 0;
            for (int i = 1; i < rows; i++)
                if (column[i] > column[best]) best = i;
            result[j] = best;
        }
        return result;
    }

    /// <summary>The fraction of <paramref name="predicted"/> equal to <paramref name="labels"/>.</summary>
    public static double Accuracy(ReadOnlySpan<int> predicted, ReadOnlySpan<int> labels)
    {
        if (predicted.Length != labels.Length)
            throw new ArgumentException($"Accuracy: {predicted.Length} predictions for {labels.Length} labels.");
        if (labels.Length == 0) return double.NaN;
        int hits = 0;
        for (int i = 0; i < labels.Length; i++)
            if (predicted[i] == labels[i]) hits++;
        return hits / (double)labels.Length;
    }

    /// <summary>The accuracy of the argmax of each column of <paramref name="outputs"/>.</summary>
    public static double Accuracy<T>(Matrix<T> outputs, ReadOnlySpan<int> labels) where T : struct, IFloatingPointIeee754<T> =>
        Accuracy(ArgMax(outputs), labels);
}
