using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Evaluation;
using NotebookNet.Layers;
using NotebookNet.Tests.Training;

namespace NotebookNet.Tests.Evaluation;

public class EvaluationTests
{
    [Fact]
    public void Confusion_matrix_precision_and_recall()
    {
        int[] truth = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
        int[] pred = [0, 0, 1, 1, 1, 2, 2, 2, 0, 1];
        var m = ConfusionMatrix.From(truth, pred, 3);
        Assert.Equal(2, m[0, 0]);
        Assert.Equal(1, m[2, 0]);
        Assert.Equal(7, m.Correct);
        Assert.Equal(0.7, m.Accuracy, 1e-15);
        Assert.Equal(2 / 3.0, m.Precision(0), 1e-15); // column 0: 2 + 0 + 1
        Assert.Equal(2 / 3.0, m.Recall(0), 1e-15);
        Assert.Equal(2 / 4.0, m.Precision(1), 1e-15); // column 1: 1 + 2 + 1
        Assert.Equal(1.0, m.Recall(1), 1e-15);
        Assert.Equal(1.0, m.Precision(2), 1e-15);
        Assert.Equal(3 / 5.0, m.Recall(2), 1e-15);
        Assert.Contains("precision", m.ToString());
    }

    [Fact]
    public void The_report_lists_mistakes_with_their_confidence_most_confident_first()
    {
        // Logits for 4 samples of 3 classes.
        var logits = Matrix<double>.Build.DenseOfColumnArrays(
            [5, 0, 0], [0, 3, 0], [0, 0, 1], [0, 2, 0]);
        int[] labels = [0, 2, 2, 0];
        var report = EvaluationReport.Create(logits, labels);
        Assert.Equal(0.5, report.Accuracy);
        Assert.Equal([0, 1, 2, 1], report.Predictions);
        Assert.Equal(2, report.Misclassified.Count);
        var first = report.Misclassified[0];
        Assert.Equal((1, 2, 1), (first.Index, first.True, first.Predicted));
        Assert.Equal(Math.Exp(3) / (Math.Exp(3) + 2), first.Confidence, 1e-12);
        Assert.Equal(3, report.Misclassified[1].Index);
        Assert.Equal(3, report.Precision.Count);
        Assert.True(report.Loss > 0);
    }

    [Fact]
    public void Evaluating_a_model_batches_the_set_in_evaluation_mode()
    {
        var rng = new Rng(1);
        var data = Synthetic.Bars<double>(23, rng);
        var model = Synthetic.Cnn<double>(rng);
        model.Add(new Dropout<double>(0.5, rng));
        var a = EvaluationReport.Evaluate(model, data, batchSize: 5);
        var b = EvaluationReport.Evaluate(model, data, batchSize: 23);
        Assert.Equal(a.Predictions, b.Predictions);
        Assert.Equal(a.Loss, b.Loss, 1e-12);
        Assert.True(model.IsTraining);
        Assert.Equal(23, a.Confusion.Total);
    }

    [Fact]
    public void Metrics_argmax_and_accuracy()
    {
        var z = Matrix<float>.Build.DenseOfColumnArrays([1f, 2f, 2f], [3f, 0f, 1f]);
        Assert.Equal([1, 0], Metrics.ArgMax(z));
        Assert.Equal(0.5, Metrics.Accuracy(z, [1, 2]));
    }
}
