using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Optimizers;
using NotebookNet.Training;
using Xunit.Abstractions;

namespace NotebookNet.Tests.Cnn;

/// <summary>The CNN on the real data: the accuracy floor the project promises for one epoch.</summary>
public class MnistCnnTests(ITestOutputHelper output)
{
    [Fact]
    public void SmallCnn_trained_one_epoch_reaches_97_5_percent_on_the_test_set()
    {
        var (train, test) = Mnist.Load();
        var model = Models.SmallCnn(new Rng(0));
        var trainer = new Trainer<float>(model, new Sgd<float>(0.05, momentum: 0.9),
            new TrainerOptions { Epochs = 1, BatchSize = 64, Rng = new Rng(1) });
        var history = trainer.Fit(train);
        var report = EvaluationReport.Evaluate(model, test);
        output.WriteLine(FormattableString.Invariant(
            $"SmallCnn, 1 epoch: test accuracy {report.Accuracy:P2}, train loss {history.TrainLoss[0]:F4}, {history.Epochs[0].ImagesPerSecond:F0} images/s"));
        Assert.True(report.Accuracy >= 0.975,
            $"test accuracy {report.Accuracy:P2} (train loss {history.TrainLoss[0]:F4}, {history.Epochs[0].ImagesPerSecond:F0} images/s)");
        Assert.Equal(10_000, report.Confusion.Total);
    }
}
