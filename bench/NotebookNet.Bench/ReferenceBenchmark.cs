using NotebookNet.Training;

namespace NotebookNet.Bench;

/// <summary>
/// <c>reference</c>: the catalog's "reference" recipe as <c>notebooknet train --model reference</c> runs it (all
/// 60,000 training images, its epochs, schedule and augmentation), from <c>--seeds</c> seeds (3, from <c>--seed 0</c>): the trainer's own
/// training seconds (the batch loop; loading and testing excluded) and the accuracy on the 10,000 test images.
/// </summary>
public static class ReferenceBenchmark
{
    public static void Run(Options options, TextWriter output, Scorecard? card = null)
    {
        uint first = (uint)options.Int("seed", 0);
        int seeds = Math.Max(1, options.Int("seeds", 3));
        string dataDir = BenchData.Directory(options);
        options.RejectUnknown();

        var recipe = ModelCatalog.Get("reference");
        var (train, test) = BenchData.Load(dataDir);
        output.WriteLine($"reference: {recipe.Description}; {train.Count} training images, test on {test.Count}");
        var seconds = new List<double>();
        var accuracy = new List<double>();
        for (uint seed = first; seed < first + seeds; seed++)
        {
            var rng = new Rng(seed);
            var model = recipe.Build(rng);
            var trainer = new Trainer<float>(model, recipe.Optimizer(), recipe.TrainerOptions(rng));
            var history = trainer.Fit(train);
            var (_, testAccuracy) = trainer.Evaluate(test);
            seconds.Add(history.TotalSeconds);
            accuracy.Add(100 * testAccuracy);
            output.WriteLine(FormattableString.Invariant(
                $"  seed {seed}: {history.TotalSeconds:F1} s of training, test accuracy {100 * testAccuracy:F2}%"));
        }
        double worst = accuracy.Min(), slowest = seconds.Max();
        output.WriteLine(FormattableString.Invariant(
            $"  over {seeds} seed(s): accuracy min {worst:F2}% median {Stats.Median(accuracy):F2}%, training {Stats.Median(seconds):F1} s median, {slowest:F1} s slowest"));
        card?.Add(Scorecard.Reference, FormattableString.Invariant($"{worst:F2}% (min), {slowest:F1} s (slowest) over {seeds} seed(s)"),
            worst >= 99.5 && slowest <= 150);
    }
}
