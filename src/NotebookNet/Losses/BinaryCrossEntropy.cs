using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Losses;

public static partial class Loss
{
    /// <summary>
    /// Predictions are clamped to [ε, 1 − ε] before the logarithm: the tutorial's code returns
    /// <c>inf</c>/<c>NaN</c> when a prediction is exactly 0 or 1 (a saturated Sigmoid does that).
    /// </summary>
    public const double Epsilon = 1e-7;

    /// <summary>Binary cross-entropy, <c>mean(−y log ŷ − (1 − y) log(1 − ŷ))</c>, with ŷ clamped.</summary>
    public static double BinaryCrossEntropy<T>(Matrix<T> yTrue, Matrix<T> yPred) where T : struct, IFloatingPointIeee754<T>
    {
        var (t, p) = Elements(yTrue, yPred, nameof(BinaryCrossEntropy));
        double sum = 0;
        for (int i = 0; i < t.Length; i++)
        {
            double y = double.CreateChecked(t[i]), q = Clamp(double.CreateChecked(p[i]));
            sum += -y * Math.Log(q) - (1 - y) * Math.Log(1 - q);
        }
        return sum / t.Length;
    }

    /// <summary>∂BCE/∂ŷ = <c>((1 − y)/(1 − ŷ) − y/ŷ) / size</c>, with ŷ clamped as in the loss.</summary>
    public static Matrix<T> BinaryCrossEntropyPrime<T>(Matrix<T> yTrue, Matrix<T> yPred) where T : struct, IFloatingPointIeee754<T>
    {
        var (t, p) = Elements(yTrue, yPred, nameof(BinaryCrossEntropyPrime));
        var result = Matrix<T>.Build.Dense(yPred.RowCount, yPred.ColumnCount);
        var r = MatrixData.Of(result);
        for (int i = 0; i < r.Length; i++)
        {
            double y = double.CreateChecked(t[i]), q = Clamp(double.CreateChecked(p[i]));
            r[i] = T.CreateChecked(((1 - y) / (1 - q) - y / q) / t.Length);
        }
        return result;
    }

    private static double Clamp(double q) => Math.Clamp(q, Epsilon, 1 - Epsilon);
}
