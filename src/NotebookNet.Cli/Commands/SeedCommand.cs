using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
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
    public static Command Create()
    {
        var seed = Root.Option<uint>("--seed", "seed of the weights' random draws", 2);
        var epochs = Root.Option("--epochs", "passes over the training images", 100).Require(Root.IsPositive, "at least 1");
        var train = Root.Option("--train", "number of training images", 1000).Require(Root.IsPositive, "at least 1");
        var test = Root.Option("--test", "number of test images printed as pred/true lines", 20).Require(n => n >= 0, "0 or more");
        var learningRate = Root.Option("--learning-rate", "SGD step size", 0.1).Require(Root.IsRate, "finite and not negative");
        var data = Root.Optional<string>("--data", "folder of the MNIST files (default: the repository's data/mnist)");
        var command = new Command("seed", "the tutorial's experiment: Dense(784,40) Tanh Dense(40,10) Tanh, MSE, per-sample SGD")
        {
            seed, epochs, train, test, learningRate, data,
        };
        command.SetAction(p => Run(p.GetValue(seed), p.GetValue(epochs), p.GetValue(train), p.GetValue(test),
            p.GetValue(learningRate), p.GetValue(data)));
        return command;
    }

    public static int Run(uint seed, int epochs, int trainLimit, int testLimit, double learningRate, string? data)
    {
        Rng.Shared.Seed(seed);
        var ((xTrainRaw, yTrainRaw), (xTestRaw, yTestRaw)) = Mnist.Load(data, trainLimit); // only the images it trains on
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

        // Every test image through one reused column: the tutorial's per-sample predictions without 10,000 matrices.
        var pixels = new double[xTestRaw.Height * xTestRaw.Width];
        var column = Matrix<double>.Build.Dense(pixels.Length, 1, pixels); // a view of pixels, not a copy
        int correct = 0;
        for (int i = 0; i < xTestRaw.Count; i++)
        {
            Preprocessing.ToColumn(xTestRaw[i], pixels);
            if (ArgMax(Predict(network, column)) == yTestRaw[i]) correct++;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy on the {xTestRaw.Count:N0} test images: {100.0 * correct / xTestRaw.Count:F2} % (seed {seed}, training {clock.Elapsed.TotalSeconds:F2} s, {clock.Elapsed.TotalMicroseconds / (epochs * xTrain.Length):F1} µs per sample)"));
        return 0;
    }
}
