using System.Diagnostics;
using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using static NotebookNet.Training.Tutorial;

namespace NotebookNet.Cli;

/// <summary>
/// `seed`: the tutorial's experiment in the terminal — Dense(784,40) Tanh Dense(40,10) Tanh, MSE,
/// 1,000 training images, 100 epochs of per-sample SGD at 0.1, then the 20 `pred/true` lines.
/// </summary>
public static class SeedCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args);
        uint seed = (uint)options.Int("seed", 2);
        int epochs = options.Int("epochs", 100), trainLimit = options.Int("train", 1000), testLimit = options.Int("test", 20);
        double learningRate = options.Double("learning-rate", 0.1);

        Rng.Shared.Seed(seed);
        var ((xTrainRaw, yTrainRaw), (xTestRaw, yTestRaw)) = Mnist.Load(options.Has("data") ? options.String("data", "") : null);
        var (xTrain, yTrain) = Preprocessing.PreprocessData(xTrainRaw, yTrainRaw, trainLimit);
        var (xTest, yTest) = Preprocessing.PreprocessData(xTestRaw, yTestRaw, testLimit);

        Layer<double>[] network =
        [
            new Dense<double>(28 * 28, 40),
            new Tanh<double>(),
            new Dense<double>(40, 10),
            new Tanh<double>(),
        ];

        var clock = Stopwatch.StartNew();
        Train(network, Loss.Mse, Loss.MsePrime, xTrain, yTrain, epochs, learningRate);
        clock.Stop();

        for (int i = 0; i < xTest.Length; i++)
            Console.WriteLine(FormatPrediction(ArgMax(Predict(network, xTest[i])), ArgMax(yTest[i])));

        var (xAll, yAll) = Preprocessing.PreprocessData(xTestRaw, yTestRaw, xTestRaw.Count);
        int correct = Enumerable.Range(0, xAll.Length).Count(i => ArgMax(Predict(network, xAll[i])) == ArgMax(yAll[i]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy on the {xAll.Length:N0} test images: {100.0 * correct / xAll.Length:F2} % (seed {seed}, training {clock.Elapsed.TotalSeconds:F2} s, {clock.Elapsed.TotalMicroseconds / (epochs * xTrain.Length):F1} µs per sample)"));
        return 0;
    }
}
