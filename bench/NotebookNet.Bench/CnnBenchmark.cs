using NotebookNet.Data;

namespace NotebookNet.Bench;

/// <summary>
/// <c>cnn</c>: the small CNN and LeNet-5 trained with NotebookNet and with TorchSharp on the same data, printing
/// images per second, test accuracy, GFLOP/s (conv + linear, forward + backward) and the ratio ours / TorchSharp.
/// One seed is not a comparison: each engine trains from <c>--seeds</c> seeds, in turns (ours, TorchSharp, ours …,
/// so a change in the machine's load hits both), and the medians and spreads of both figures are compared.
/// </summary>
public static class CnnBenchmark
{
    /// <summary>Trains the chosen nets; fills <paramref name="card"/>'s CNN rows when given.</summary>
    public static void Run(Options options, TextWriter output, Scorecard? card = null)
    {
        string net = options.String("net") ?? "all";
        int threads = Math.Max(1, options.Int("threads", 2));
        int seeds = Math.Max(1, options.Int("seeds", 5));
        var settings = new CnnSettings(
            Math.Max(1, options.Int("epochs", 1)), options.Int("limit", 60_000), (uint)options.Int("seed", 0), threads);
        bool skipTorch = options.Flag("no-torch"), skipOurs = options.Flag("no-ours");
        var pause = TimeSpan.FromMilliseconds(options.Int("pause-ms", 1000));
        string dataDir = BenchData.Directory(options);
        options.RejectUnknown();
        var cases = net == "all" ? CnnCase.All
            : CnnCase.All.Where(c => c.Key == net).ToList() is { Count: > 0 } chosen ? chosen
            : throw new ArgumentException($"--net must be small, lenet or all, got '{net}'.");

        var (train, test) = BenchData.Load(dataDir);
        output.WriteLine(FormattableString.Invariant(
            $"cnn: {settings.Epochs} epoch(s) on {Math.Min(settings.Limit, train.Count)} training images, test on {test.Count}, seed {settings.Seed}"));
        bool torchOk = false;
        if (skipTorch) output.WriteLine("torch: skipped (--no-torch)");
        else if (TorchEngine.TryLoad(threads, out var why)) torchOk = true;
        else output.WriteLine($"torch: {why}");
        if (torchOk) output.WriteLine($"torch: {TorchEngine.Describe()}");

        foreach (var c in cases)
        {
            double flops = c.TrainingFlopsPerImage();
            output.WriteLine();
            output.WriteLine(FormattableString.Invariant(
                $"{c.Key}: {c.Title}; {flops / 1e6:F2} MFLOP per training image (conv+linear, fwd+bwd)"));
            var ours = new List<CnnOutcome>();
            var torch = new List<CnnOutcome>();
            for (int i = 0; i < seeds; i++)
            {
                var run = settings with { Seed = settings.Seed + (uint)i };
                if (!skipOurs)
                {
                    Settle(pause);
                    ours.Add(OurCnn.Train(c, train, test, run));
                    Print(output, run.Seed, ours[^1], flops);
                }
                if (torchOk)
                {
                    Settle(pause);
                    torch.Add(TorchCnn.Train(c, train, test, run));
                    Print(output, run.Seed, torch[^1], flops);
                }
            }
            if (skipOurs) output.WriteLine("  ours:       skipped (--no-ours)");
            Summarize(output, ours, flops);
            Summarize(output, torch, flops);
            if (torchOk)
                output.WriteLine(FormattableString.Invariant(
                    $"  TorchSharp reference measured before: {c.ReferenceTorchImagesPerSecond:F0} img/s"));
            if (ours.Count > 0 && torch.Count > 0)
            {
                var (a, b) = (ours.Select(o => o.ImagesPerSecond).ToList(), torch.Select(o => o.ImagesPerSecond).ToList());
                output.WriteLine($"  ratio ours / TorchSharp (img/s, medians of {seeds} seeds): {Stats.Ratio(a, b)}");
                double ratio = Stats.Median(a) / Stats.Median(b);
                card?.Add(c.Key == "small" ? Scorecard.SmallCnn : Scorecard.LeNet,
                    FormattableString.Invariant($"{ratio:F2}x ({Stats.Median(a):F0} vs {Stats.Median(b):F0} img/s)"), ratio >= (c.Key == "small" ? 4 : 2));
            }
            if (ours.Count > 0 && c.Key == "lenet" && card is not null)
            {
                double gflops = Stats.Median(ours.Select(o => o.ImagesPerSecond).ToList()) * flops / 1e9, peak = GemmBenchmark.FmaPeak(threads);
                card.Add(Scorecard.LeNetPeak, FormattableString.Invariant($"{100 * gflops / peak:F0}% ({gflops:F0} of {peak:F0} GFLOP/s)"), gflops >= 0.85 * peak);
            }
        }
    }

    /// <summary>
    /// Waits before a run so that the other engine's threads have gone idle: libtorch's worker threads, in this same
    /// process, keep spinning for a while after its run and would take a core from ours (a sub-second small-CNN epoch
    /// measured right after a TorchSharp run lost about a third of its speed), and ours spin briefly too.
    /// </summary>
    private static void Settle(TimeSpan pause)
    {
        GC.Collect();
        Thread.Sleep(pause);
    }

    private static void Summarize(TextWriter output, List<CnnOutcome> runs, double flopsPerImage)
    {
        if (runs.Count == 0) return;
        var speed = runs.Select(o => o.ImagesPerSecond).ToList();
        var accuracy = runs.Select(o => o.TestAccuracy * 100).ToList();
        output.WriteLine(FormattableString.Invariant(
            $"  {runs[0].Engine + ":",-11} median {Stats.Median(speed):F0} img/s (spread {speed.Min():F0}-{speed.Max():F0}), {Stats.Median(speed) * flopsPerImage / 1e9:F1} GFLOP/s; test accuracy median {Stats.Median(accuracy):F2}% (min {accuracy.Min():F2}%, max {accuracy.Max():F2}%) over {runs.Count} seeds"));
    }

    private static void Print(TextWriter output, uint seed, CnnOutcome o, double flopsPerImage) =>
        output.WriteLine(FormattableString.Invariant(
            $"  seed {seed} {o.Engine + ":",-11} {o.TrainSeconds:F2} s for {o.ImagesTrained} images = {o.ImagesPerSecond:F0} img/s, {o.ImagesPerSecond * flopsPerImage / 1e9:F1} GFLOP/s, test accuracy {o.TestAccuracy * 100:F2}%"));
}
