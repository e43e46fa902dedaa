using System.CommandLine;
using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Persistence;
using NotebookNet.Training;

namespace NotebookNet.Cli;

/// <summary>
/// `train --model small-cnn --epochs 3 [--batch-size N] [--learning-rate X] [--validation 0.1] [--seed N] [--out FILE]`:
/// trains a catalog model on the 60,000 training images with a progress bar, saves it, then prints the test
/// accuracy and confusion matrix. The output is checked before training; if saving still fails at the end, the model
/// is saved in the current or temp folder instead and the exit code is 1.
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = Root.Option("--model", $"catalog model: {string.Join(", ", ModelCatalog.All.Select(r => r.Id))}", "small-cnn");
        var epochs = Root.Optional<int?>("--epochs", "passes over the training images (default: the model's)")
            .Require(n => n is null or > 0, "at least 1");
        var batchSize = Root.Optional<int?>("--batch-size", "images per step (default: the model's)")
            .Require(n => n is null or > 0, "at least 1");
        var learningRate = Root.Optional<double?>("--learning-rate", "optimizer step size (default: the model's)")
            .Require(r => r is not double rate || Root.IsRate(rate), "finite and not negative");
        var validation = Root.Option("--validation", "fraction of the training images held out for validation", 0.0)
            .Require(f => f >= 0 && f < 1, "in [0, 1)");
        var seed = Root.Option<uint>("--seed", "seed of every random draw", 0);
        var output = Root.Optional<string>("--out", "model file to write (default: MODEL.nnet)");
        var data = Root.Optional<string>("--data", "folder of the MNIST files (default: the repository's data/mnist)");
        var command = new Command("train", "trains a catalog model on MNIST, saves it and measures it on the test set")
        {
            model, epochs, batchSize, learningRate, validation, seed, output, data,
        };
        command.SetAction(p => Run(p.GetValue(model)!, p.GetValue(epochs), p.GetValue(batchSize), p.GetValue(learningRate),
            p.GetValue(validation), p.GetValue(seed), p.GetValue(output), p.GetValue(data)));
        return command;
    }

    public static int Run(string modelId, int? epochs, int? batchSize, double? learningRate, double validation,
        uint seed, string? outputPath, string? data)
    {
        var recipe = ModelCatalog.Get(modelId);
        string output = outputPath ?? $"{recipe.Id}.nnet";
        ModelOutput.CheckWritable(output); // before training: an unwritable path must not cost the whole run
        var rng = new Rng(seed);
        var model = recipe.Build(rng);
        var optimizer = recipe.Optimizer();
        if (learningRate is double rate) optimizer.LearningRate = rate;

        var (train, test) = Mnist.Load(data);
        var bar = new ProgressBar();
        var trainerOptions = recipe.TrainerOptions(rng, epochs) with
        {
            BatchSize = batchSize ?? recipe.BatchSize,
            ValidationFraction = validation,
            OnBatch = bar.Report,
            OnEpoch = bar.EndEpoch,
        };
        Console.WriteLine($"{recipe.Id}: {recipe.Description}");
        Console.WriteLine(model.Summary());
        var history = new Trainer<float>(model, optimizer, trainerOptions).Fit(train);

        var (saved, failure) = ModelOutput.SaveWithFallback(output, model, recipe.Id);
        if (failure is not null) Console.Error.WriteLine($"notebooknet train: could not save to {failure}; saved to '{saved}' instead.");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saved {saved} after {history.TotalSeconds:F1} s of training"));
        int evaluated = EvaluateCommand.Report(model, test);
        return failure is null ? evaluated : Root.Failure;
    }
}
