using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Losses;

public static partial class Loss
{
    /// <summary>
    /// Softmax followed by categorical cross-entropy, on logits: <c>mean over columns of −Σᵢ yᵢ log softmax(z)ᵢ</c>.
    /// Computed as <c>log Σ exp(z − max) + max − z</c>, so it stays finite where <c>log(softmax(z))</c>
    /// underflows to −∞. <paramref name="yTrue"/> is one-hot (or any distribution) per column, as in <c>Mse</c>.
    /// </summary>
    public static double SoftmaxCrossEntropy<T>(Matrix<T> yTrue, Matrix<T> logits) where T : struct, IFloatingPointIeee754<T>
    {
        var (y, z) = Elements(yTrue, logits, nameof(SoftmaxCrossEntropy));
        int rows = logits.RowCount, n = logits.ColumnCount;
        double total = 0;
        for (int j = 0; j < n; j++)
        {
            var zj = z.AsSpan(j * rows, rows);
            double logSumExp = LogSumExp(zj);
            for (int i = 0; i < rows; i++)
            {
                double yi = double.CreateChecked(y[j * rows + i]);
                if (yi != 0) total += yi * (logSumExp - double.CreateChecked(zj[i]));
            }
        }
        return total / n;
    }

    /// <summary>
    /// ∂L/∂logits of <see cref="SoftmaxCrossEntropy{T}(Matrix{T}, Matrix{T})"/>: <c>(softmax(z) − y) / N</c> for
    /// targets that sum to 1 per column (in general <c>(softmax(z)·Σy − y) / N</c>).
    /// </summary>
    public static Matrix<T> SoftmaxCrossEntropyPrime<T>(Matrix<T> yTrue, Matrix<T> logits) where T : struct, IFloatingPointIeee754<T>
    {
        var (y, _) = Elements(yTrue, logits, nameof(SoftmaxCrossEntropyPrime));
        var gradient = Matrix<T>.Build.Dense(logits.RowCount, logits.ColumnCount);
        SoftmaxInto(logits, gradient);
        var g = MatrixData.Of(gradient);
        int rows = logits.RowCount;
        T scale = T.One / T.CreateChecked(logits.ColumnCount);
        for (int j = 0; j < logits.ColumnCount; j++)
        {
            // Σy is 1 for one-hot or probability targets; keeping it makes the gradient exact for any targets.
            var yj = y.AsSpan(j * rows, rows);
            var gj = g.AsSpan(j * rows, rows);
            T mass = T.Zero;
            foreach (var v in yj) mass += v;
            for (int i = 0; i < rows; i++) gj[i] = (gj[i] * mass - yj[i]) * scale;
        }
        return gradient;
    }

    /// <summary>The loss for class indices: <c>mean over columns of log Σ exp(z) − z[label]</c>.</summary>
    public static double SoftmaxCrossEntropy<T>(ReadOnlySpan<int> labels, Matrix<T> logits) where T : struct, IFloatingPointIeee754<T>
    {
        CheckLabels(labels, logits, nameof(SoftmaxCrossEntropy));
        int rows = logits.RowCount;
        var z = MatrixData.Of(logits);
        double total = 0;
        for (int j = 0; j < labels.Length; j++)
        {
            var zj = z.AsSpan(j * rows, rows);
            total += LogSumExp(zj) - double.CreateChecked(zj[labels[j]]);
        }
        return total / labels.Length;
    }

    /// <summary>∂L/∂logits for class indices: <c>(softmax(z) − onehot(label)) / N</c>.</summary>
    public static Matrix<T> SoftmaxCrossEntropyPrime<T>(ReadOnlySpan<int> labels, Matrix<T> logits) where T : struct, IFloatingPointIeee754<T>
    {
        var gradient = Matrix<T>.Build.Dense(logits.RowCount, logits.ColumnCount);
        SoftmaxCrossEntropy(labels, logits, gradient);
        return gradient;
    }

    /// <summary>
    /// Loss and gradient in one pass, for training: returns the mean loss and writes <c>(softmax(z) − onehot) / N</c>
    /// into <paramref name="gradient"/> (same shape as the logits), which a trainer reuses from batch to batch.
    /// </summary>
    public static double SoftmaxCrossEntropy<T>(ReadOnlySpan<int> labels, Matrix<T> logits, Matrix<T> gradient)
        where T : struct, IFloatingPointIeee754<T>
    {
        CheckLabels(labels, logits, nameof(SoftmaxCrossEntropy));
        if (gradient.RowCount != logits.RowCount || gradient.ColumnCount != logits.ColumnCount)
            throw new ArgumentException(
                $"SoftmaxCrossEntropy: the gradient is {gradient.RowCount}x{gradient.ColumnCount} but the logits are {logits.RowCount}x{logits.ColumnCount}.");
        int rows = logits.RowCount, n = labels.Length;
        var z = MatrixData.Of(logits);
        var g = MatrixData.Of(gradient);
        T scale = T.One / T.CreateChecked(n);
        double total = 0;
        for (int j = 0; j < n; j++)
        {
            var zj = z.AsSpan(j * rows, rows);
            var gj = g.AsSpan(j * rows, rows);
            T max = Max(zj);
            T sum = T.Zero;
            for (int i = 0; i < rows; i++) sum += gj[i] = T.Exp(zj[i] - max);
            int label = labels[j];
            total += Math.Log(double.CreateChecked(sum)) + double.CreateChecked(max - zj[label]);
            T inverse = scale / sum;
            for (int i = 0; i < rows; i++) gj[i] *= inverse;
            gj[label] -= scale;
        }
        return total / n;
    }

    /// <summary>Column-wise softmax of <paramref name="logits"/> written into <paramref name="probabilities"/> (stable).</summary>
    public static void SoftmaxInto<T>(Matrix<T> logits, Matrix<T> probabilities) where T : struct, IFloatingPointIeee754<T>
    {
        int rows = logits.RowCount;
        var z = MatrixData.Of(logits);
        var p = MatrixData.Of(probabilities);
        for (int j = 0; j < logits.ColumnCount; j++)
        {
            var zj = z.AsSpan(j * rows, rows);
            var pj = p.AsSpan(j * rows, rows);
            T max = Max(zj);
            T sum = T.Zero;
            for (int i = 0; i < rows; i++) sum += pj[i] = T.Exp(zj[i] - max);
            for (int i = 0; i < rows; i++) pj[i] /= sum;
        }
    }

    private static double LogSumExp<T>(ReadOnlySpan<T> z) where T : struct, IFloatingPointIeee754<T>
    {
        double max = double.CreateChecked(Max(z)), sum = 0;
        foreach (var v in z) sum += Math.Exp(double.CreateChecked(v) - max);
        return Math.Log(sum) + max;
    }

    // NaN wins, so a diverged network yields a NaN loss instead of a finite one.
    private static T Max<T>(ReadOnlySpan<T> z) where T : struct, IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        foreach (var v in z)
            if (v > max || T.IsNaN(v)) max = v;
        return max;
    }

    private static void CheckLabels<T>(ReadOnlySpan<int> labels, Matrix<T> logits, string loss) where T : struct, IFloatingPointIeee754<T>
    {
        if (labels.Length != logits.ColumnCount)
            throw new ArgumentException($"{loss}: {labels.Length} labels for {logits.ColumnCount} columns of logits.");
        for (int j = 0; j < labels.Length; j++)
            if ((uint)labels[j] >= (uint)logits.RowCount)
                throw new ArgumentOutOfRangeException(nameof(labels), labels[j],
                    $"{loss}: label {labels[j]} of column {j} is outside [0, {logits.RowCount}).");
    }
}
