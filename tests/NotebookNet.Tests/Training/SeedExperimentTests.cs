using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using static NotebookNet.Training.Tutorial;

namespace NotebookNet.Tests.Training;

/// <summary>The tutorial's own experiment on the real data, held against where NumPy's reruns of it land.</summary>
public class SeedExperimentTests
{
    public const uint Seed = 2; // the seed notebook 08 and `notebooknet seed` use

    [Fact]
    public void Tutorial_experiment_lands_in_numpys_band()
    {
        var rng = new Rng(Seed);
        var ((xTrainRaw, yTrainRaw), (xTestRaw, yTestRaw)) = Mnist.Load();
        var (xTrain, yTrain) = Preprocessing.PreprocessData(xTrainRaw, yTrainRaw, 1000);
        var (xTest, yTest) = Preprocessing.PreprocessData(xTestRaw, yTestRaw, 10_000);
        Layer<double>[] network =
            [new Dense<double>(784, 40, rng: rng), new Tanh<double>(), new Dense<double>(40, 10, rng: rng), new Tanh<double>()];

        var errors = Train(network, Loss.Mse, Loss.MsePrime, xTrain, yTrain, epochs: 100, learningRate: 0.1, verbose: false);

        Assert.InRange(errors[0], 0.7, 1.0);             // the tutorial's first epoch: 0.8727
        Assert.InRange(errors[^1], 0.04, 0.07);
        Assert.True(errors[^1] < errors[9] && errors[9] < errors[0], "the error must fall");
        int correct = Enumerable.Range(0, xTest.Length).Count(i => ArgMax(Predict(network, xTest[i])) == ArgMax(yTest[i]));
        Assert.InRange(100.0 * correct / xTest.Length, 45, 75);
    }
}
