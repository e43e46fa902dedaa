using NotebookNet.Data;

namespace NotebookNet.Bench;

/// <summary>
/// <c>cnn</c>: the small CNN and LeNet-5 trained with NotebookNet and with TorchSharp on the same data, printing
/// images per second, test accuracy, GFLOP/s (conv + linear, forward + backward) and the ratio ours / TorchSharp.
/// </summary>
public static class CnnBenchmark
{
    public static void Run(Options options, TextWriter output)
    {
        string net = options.String("net") ?? "all";
        int threads = Math.Max(1, options.Int("threads", 2));
        var settings = new CnnSettings(
            Math.Max(1, options.Int("epochs", 1)), options.Int("limit", 60_000), (uint)options.Int("seed", 0), threads);
        bool skipTorch = options.Flag("no-torch"), skipOurs = options.Flag("no-ours");
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
            var ours = skipOurs ? null : OurCnn.Train(c, train, test, settings);
            if (ours is null) output.WriteLine("  ours:       skipped (--no-ours)");
            else Print(output, ours, flops);
            CnnOutcome? torch = null;
            if (torchOk)
            {
                torch = TorchCnn.Train(c, train, test, settings);
                Print(output, torch, flops);
                output.WriteLine(FormattableString.Invariant(
                    $"  TorchSharp reference measured before: {c.ReferenceTorchImagesPerSecond:F0} img/s"));
            }
            if (ours is not null && torch is not null)
                output.WriteLine(FormattableString.Invariant(
                    $"  ratio ours / TorchSharp (img/s): {ours.ImagesPerSecond / torch.ImagesPerSecond:F2}"));
        }
    }

    private static void Print(TextWriter output, CnnOutcome o, double flopsPerImage) =>
        output.WriteLine(FormattableString.Invariant(
            $"  {o.Engine + ":",-11} {o.TrainSeconds:F2} s for {o.ImagesTrained} images = {o.ImagesPerSecond:F0} img/s, {o.ImagesPerSecond * flopsPerImage / 1e9:F1} GFLOP/s, test accuracy {o.TestAccuracy * 100:F2}%"));
}
