using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Tensors;
using NotebookNet.Training;

namespace NotebookNet.Evaluation;

/// <summary>
/// How a classifier did on a labelled set: accuracy, mean softmax cross-entropy, the confusion matrix with
/// per-class precision and recall, every prediction with its confidence, and the misclassified samples
/// (most confident mistakes first).
/// </summary>
public sealed class EvaluationReport
{
    private EvaluationReport(int[] labels, int[] predictions, double[] confidences, double loss, int classes)
    {
        Labels = labels;
        Predictions = predictions;
        Confidences = confidences;
        Loss = loss;
        Confusion = ConfusionMatrix.From(labels, predictions, classes);
        Misclassified = [.. Enumerable.Range(0, labels.Length)
            .Where(i => labels[i] != predictions[i])
            .Select(i => new Misclassification(i, labels[i], predictions[i], confidences[i]))
            .OrderByDescending(m => m.Confidence).ThenBy(m => m.Index)];
    }

    public IReadOnlyList<int> Labels { get; }

    /// <summary>The predicted class of every sample.</summary>
    public IReadOnlyList<int> Predictions { get; }

    /// <summary>The probability the network gave its prediction, for every sample.</summary>
    public IReadOnlyList<double> Confidences { get; }

    public double Accuracy => Confusion.Accuracy;

    /// <summary>Mean softmax cross-entropy (NaN when the outputs were probabilities).</summary>
    public double Loss { get; }

    public ConfusionMatrix Confusion { get; }

    /// <summary>Precision of each class.</summary>
    public IReadOnlyList<double> Precision => [.. Enumerable.Range(0, Confusion.Classes).Select(Confusion.Precision)];

    /// <summary>Recall of each class.</summary>
    public IReadOnlyList<double> Recall => [.. Enumerable.Range(0, Confusion.Classes).Select(Confusion.Recall)];

    public IReadOnlyList<Misclassification> Misclassified { get; }

    /// <summary>
    /// Builds the report from network <paramref name="outputs"/> (classes × samples). They are logits unless
    /// <paramref name="outputsAreProbabilities"/> (a network that ends in Softmax).
    /// </summary>
    public static EvaluationReport Create<T>(Matrix<T> outputs, IReadOnlyList<int> labels, bool outputsAreProbabilities = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (labels.Count != outputs.ColumnCount)
            throw new ArgumentException($"EvaluationReport: {outputs.ColumnCount} outputs for {labels.Count} labels.");
        int[] truth = [.. labels];
        var probabilities = outputs;
        double loss = double.NaN;
        if (!outputsAreProbabilities)
        {
            probabilities = Matrix<T>.Build.Dense(outputs.RowCount, outputs.ColumnCount);
            Losses.Loss.SoftmaxInto(outputs, probabilities);
            loss = Losses.Loss.SoftmaxCrossEntropy<T>(truth, outputs);
        }
        var predictions = Metrics.ArgMax(probabilities);
        var p = MatrixData.Of(probabilities);
        var confidences = new double[predictions.Length];
        for (int j = 0; j < predictions.Length; j++)
            confidences[j] = double.CreateChecked(p[j * outputs.RowCount + predictions[j]]);
        return new EvaluationReport(truth, predictions, confidences, loss, outputs.RowCount);
    }

    /// <summary>Runs <paramref name="model"/> in evaluation mode over <paramref name="data"/> and reports.</summary>
    public static EvaluationReport Evaluate<T>(Sequential<T> model, IDataSource<T> data, int batchSize = 500)
        where T : struct, IFloatingPointIeee754<T>
    {
        var outputs = Predict(model, data, batchSize);
        return Create(outputs, [.. Enumerable.Range(0, data.Count).Select(data.Label)],
            outputsAreProbabilities: model.Count > 0 && model[^1] is Softmax<T>);
    }

    /// <summary>Runs <paramref name="model"/> over an MNIST set and reports.</summary>
    public static EvaluationReport Evaluate<T>(Sequential<T> model, MnistSet data, int batchSize = 500)
        where T : struct, IFloatingPointIeee754<T> => Evaluate(model, DataSource.FromMnist<T>(data), batchSize);

    /// <summary>The outputs of <paramref name="model"/> for every sample of <paramref name="data"/> (classes × samples), in evaluation mode.</summary>
    public static Matrix<T> Predict<T>(Sequential<T> model, IDataSource<T> data, int batchSize = 500)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (data.Count == 0) throw new ArgumentException("EvaluationReport: the data set is empty.", nameof(data));
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            int n = data.Count, size = Math.Min(batchSize, n);
            Matrix<T>? result = null, x = null;
            var indices = new int[size];
            for (int start = 0; start < n; start += size)
            {
                int count = Math.Min(size, n - start);
                if (x is null || x.ColumnCount != count) x = Matrix<T>.Build.Dense(data.Features, count);
                for (int i = 0; i < count; i++) indices[i] = start + i;
                data.Gather(indices.AsSpan(0, count), MatrixData.Of(x));
                var output = model.Forward(x);
                result ??= Matrix<T>.Build.Dense(output.RowCount, n);
                MatrixData.Of(output).AsSpan(0, output.RowCount * count).CopyTo(MatrixData.Of(result).AsSpan(start * output.RowCount));
            }
            return result!;
        }
        finally
        {
            model.IsTraining = wasTraining;
        }
    }
}
