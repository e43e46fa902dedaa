using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Losses;

public static partial class Loss
{
    /// <summary>
    /// Softmax cross-entropy against smoothed targets (label smoothing, Szegedy et al., 2016; PyTorch's
    /// <c>CrossEntropyLoss(label_smoothing=ε)</c>): each column's target is <c>1 − ε</c> on its label plus <c>ε/K</c> on
    /// each of the K classes, so the loss is <c>(1 − ε)·CE(label) + ε/K·Σₖ CE(k)</c> and never rewards pushing one logit
    /// ever further above the others. The gradient, <c>(softmax(z) − target) / N</c>, is written into the gradient matrix.
    /// <paramref name="smoothing"/> 0 is <see cref="SoftmaxCrossEntropy{T}(ReadOnlySpan{int}, Matrix{T}, Matrix{T})"/>.
    /// </summary>
    /// <param name="smoothing">ε, the share of each target spread evenly over the classes, in [0, 1).</param>
    public static ClassificationLoss<T> SmoothedSoftmaxCrossEntropy<T>(double smoothing) where T : struct, IFloatingPointIeee754<T>
    {
        if (!(smoothing >= 0 && smoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "Label smoothing must be in [0, 1).");
        if (smoothing == 0) return SoftmaxCrossEntropy<T>;
        return (labels, logits, gradient) =>
        {
            double plain = SoftmaxCrossEntropy(labels, logits, gradient); // checks the shapes; gradient = (softmax − onehot) / N
            int classes = logits.RowCount, n = labels.Length;
            T scale = T.One / T.CreateChecked(n), spread = T.CreateChecked(smoothing / classes) * scale;
            T kept = T.CreateChecked(smoothing) * scale;
            double uniform = 0;
            for (int j = 0; j < n; j++)
            {
                var zj = Ops.Column(logits, j);
                var gj = Ops.Column(gradient, j);
                // target = onehot − ε·onehot + ε/K: give back ε of the label's share, take ε/K from every class.
                gj[labels[j]] += kept;
                for (int k = 0; k < classes; k++) gj[k] -= spread;
                double logSumExp = LogSumExp<T>(zj), sum = 0;
                foreach (var z in zj) sum += logSumExp - double.CreateChecked(z);
                uniform += sum / classes;
            }
            return (1 - smoothing) * plain + smoothing * uniform / n;
        };
    }
}
