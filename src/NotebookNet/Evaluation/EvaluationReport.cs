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
            Ops.SoftmaxColumns(outputs, into: probabilities);
            loss = Losses.Loss.SoftmaxCrossEntropy<T>(truth, outputs);
        }
        var predictions = Ops.ArgMaxColumns(probabilities);
        var confidences = new double[predictions.Length];
        for (int j = 0; j < predictions.Length; j++)
            confidences[j] = double.CreateChecked(Ops.Column(probabilities, j)[predictions[j]]);
        return new EvaluationReport(truth, predictions, confidences, loss, outputs.RowCount);
    }

    /// <summary>Runs <paramref name="model"/> in evaluation mode over <paramref name="data"/> and reports.</summary>
    public static EvaluationReport Evaluate<T>(Sequential<T> model, IDataSource<T> data, int batchSize = 500)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var outputs = model.Predict(data, batchSize);
        return Create(outputs, [.. Enumerable.Range(0, data.Count).Select(data.Label)],
            outputsAreProbabilities: model.Count > 0 && model[^1] is Softmax<T>);
    }

    /// <summary>Runs <paramref name="model"/> over an MNIST set and reports.</summary>
    public static EvaluationReport Evaluate<T>(Sequential<T> model, MnistSet data, int batchSize = 500)
        where T : struct, IFloatingPointIeee754<T> => Evaluate(model, DataSource.FromMnist<T>(data), batchSize);
}
