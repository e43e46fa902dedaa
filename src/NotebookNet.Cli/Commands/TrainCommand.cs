using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Persistence;
using NotebookNet.Training;

namespace NotebookNet.Cli;

/// <summary>
/// `train --model small-cnn --epochs 3 [--batch-size N] [--learning-rate X] [--validation 0.1] [--seed N] [--out FILE]`:
/// trains a catalog model on the 60,000 training images with a progress bar, saves it, then prints the test
/// accuracy and confusion matrix.
/// </summary>
public static class TrainCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args);
        var recipe = ModelCatalog.Get(options.String("model", "small-cnn"));
        uint seed = (uint)options.Int("seed", 0);
        string output = options.String("out", $"{recipe.Id}.nnet");
        var rng = new Rng(seed);
        var model = recipe.Build(rng);
        var optimizer = recipe.Optimizer();
        if (options.Has("learning-rate")) optimizer.LearningRate = options.Double("learning-rate", optimizer.LearningRate);

        var (train, test) = Mnist.Load(options.Has("data") ? options.String("data", "") : null);
        var bar = new ProgressBar();
        var trainerOptions = recipe.TrainerOptions(rng) with
        {
            Epochs = options.Int("epochs", recipe.Epochs),
            BatchSize = options.Int("batch-size", recipe.BatchSize),
            ValidationFraction = options.Double("validation", 0),
            OnBatch = bar.Report,
            OnEpoch = bar.EndEpoch,
        };
        Console.WriteLine($"{recipe.Id}: {recipe.Description}");
        Console.WriteLine(model.Summary());
        var history = new Trainer<float>(model, optimizer, trainerOptions).Fit(train);

        ModelFile.Save(output, model, recipe.Id);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {Path.GetFullPath(output)} after {history.TotalSeconds:F1} s of training"));
        return EvaluateCommand.Report(model, test);
    }
}
