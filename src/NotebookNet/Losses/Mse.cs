using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Losses;

/// <summary>The tutorial's loss functions and their derivatives with respect to the prediction.</summary>
public static partial class Loss
{
    /// <summary>Mean squared error, <c>mean((y_true − y_pred)²)</c> over every element.</summary>
    public static double Mse<T>(Matrix<T> yTrue, Matrix<T> yPred) where T : struct, IFloatingPointIeee754<T>
    {
        var (t, p) = Elements(yTrue, yPred, nameof(Mse));
        double sum = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double d = double.CreateChecked(t[i] - p[i]);
            sum += d * d;
        }
        return sum / t.Length;
    }

    /// <summary>∂MSE/∂y_pred = <c>2 (y_pred − y_true) / size</c>.</summary>
    public static Matrix<T> MsePrime<T>(Matrix<T> yTrue, Matrix<T> yPred) where T : struct, IFloatingPointIeee754<T>
    {
        var (t, p) = Elements(yTrue, yPred, nameof(MsePrime));
        var result = Matrix<T>.Build.Dense(yPred.RowCount, yPred.ColumnCount);
        var r = MatrixData.Of(result);
        T two = T.CreateChecked(2), size = T.CreateChecked(t.Length);
        for (int i = 0; i < r.Length; i++) r[i] = two * (p[i] - t[i]) / size;
        return result;
    }

    private static (T[] True, T[] Pred) Elements<T>(Matrix<T> yTrue, Matrix<T> yPred, string loss)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (yTrue.RowCount != yPred.RowCount || yTrue.ColumnCount != yPred.ColumnCount)
            throw new ArgumentException(
                $"{loss}: y_true is {yTrue.RowCount}x{yTrue.ColumnCount} but y_pred is {yPred.RowCount}x{yPred.ColumnCount}.");
        return (MatrixData.Of(yTrue), MatrixData.Of(yPred));
    }
}
