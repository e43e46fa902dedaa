using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Training;

namespace NotebookNet.Bench;

/// <summary>
/// <c>seed</c>: the tutorial's experiment (Dense(784,40) Tanh Dense(40,10) Tanh, MSE, lr 0.1, the first 1,000
/// training images, 100 epochs, one sample at a time) with NotebookNet and with the tutorial's own NumPy code,
/// from the same seed, so both start from identical weights and their errors can be compared epoch by epoch.
/// </summary>
public static class SeedBenchmark
{
    public static void Run(Options options, TextWriter output)
    {
        uint seed = (uint)options.Int("seed", 0);
        int epochs = options.Int("epochs", 100);
        int limit = options.Int("limit", 1000);
        int repeat = Math.Max(1, options.Int("repeat", 3));
        int numpyRepeat = Math.Max(1, options.Int("numpy-repeat", 1));
        bool skipNumPy = options.Flag("no-numpy");
        int numpyThreads = options.Int("numpy-threads", 0);
        string python = options.String("python") ?? NumPyRunner.DefaultPython;
        string dataDir = BenchData.Directory(options);
        options.RejectUnknown();

        output.WriteLine(Inv($"seed: tutorial network 784-40-10 Tanh, MSE, lr 0.1, {limit} images, {epochs} epochs, seed {seed}"));
        output.WriteLine(Inv($"data: {dataDir}"));
        var (train, _) = BenchData.Load(dataDir);
        var (x, y) = Preprocessing.PreprocessData(train.Images, train.Labels, limit);
        int samples = x.Length * epochs;

        // A short warm-up so that the timed runs measure steady-state code, not the JIT.
        TrainOnce(seed, x[..Math.Min(50, x.Length)], y[..Math.Min(50, y.Length)], 2);
        Rng.Shared.Seed(seed);
        double ourInitial = InitialError(NewNetwork(), x, y);
        var ours = new List<double>();
        double[] ourErrors = [];
        for (int r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            ourErrors = TrainOnce(seed, x, y, epochs);
            ours.Add(sw.Elapsed.TotalSeconds);
        }
        double oursMedian = Stats.Median(ours);
        output.WriteLine(Inv($"ours:  {Stats.Describe(ours)}, {oursMedian / samples * 1e6:F2} µs/sample"));
        output.WriteLine(Inv($"ours:  initial error={ourInitial:R} (initial weights, before training)"));
        PrintErrors(output, "ours", ourErrors);

        if (skipNumPy) return;
        if (!NumPyRunner.Available(python, out var why))
        {
            output.WriteLine($"numpy: skipped ({why})");
            return;
        }
        var script = Paths.Require(Path.Combine("bench", "numpy", "tutorial.py"), "the NumPy tutorial script");
        var result = NumPyRunner.RunScript(python, script,
        [
            "--data", dataDir, "--seed", Inv($"{seed}"), "--epochs", Inv($"{epochs}"),
            "--limit", Inv($"{limit}"), "--repeat", Inv($"{numpyRepeat}"),
        ], numpyThreads > 0 ? numpyThreads : null);
        output.WriteLine($"numpy: {result.GetValueOrDefault("numpy")} on Python {result.GetValueOrDefault("python")}");
        output.WriteLine($"numpy: BLAS {result.GetValueOrDefault("blas")}");
        output.WriteLine($"numpy: {result.GetValueOrDefault("env")}");
        var numpy = Parse(result["seconds"]);
        var numpyErrors = Parse(result["errors"]);
        double numpyMedian = Stats.Median(numpy);
        output.WriteLine(Inv($"numpy: {Stats.Describe(numpy)}, {numpyMedian / samples * 1e6:F2} µs/sample"));
        double numpyInitial = double.Parse(result["initial"], CultureInfo.InvariantCulture);
        output.WriteLine(Inv($"numpy: initial error={numpyInitial:R} (initial weights, before training)"));
        PrintErrors(output, "numpy", numpyErrors);

        output.WriteLine(Inv($"match: initial error |ours - numpy| = {Math.Abs(ourInitial - numpyInitial):E2} (same seed, same weights)"));
        if (ourErrors.Length > 0 && numpyErrors.Length > 0)
            output.WriteLine(Inv(
                $"match: epoch 1 |ours - numpy| = {Math.Abs(ourErrors[0] - numpyErrors[0]):E2}, epoch {epochs} = {Math.Abs(ourErrors[^1] - numpyErrors[^1]):E2}") +
                " (one-sample SGD on saturated Tanh amplifies last-bit rounding differences of the dot products over the epoch)");
        output.WriteLine(Inv($"ratio: numpy / ours = {numpyMedian / oursMedian:F2}x (ours is that many times faster)"));
    }

    private static double[] TrainOnce(uint seed, Matrix<double>[] x, Matrix<double>[] y, int epochs)
    {
        Rng.Shared.Seed(seed);
        return Tutorial.Train(NewNetwork(), Loss.Mse, Loss.MsePrime, x, y, epochs, learningRate: 0.1, verbose: false);
    }

    /// <summary>The tutorial's network, drawn from <see cref="Rng.Shared"/> like its <c>np.random.randn</c> calls.</summary>
    private static Layer<double>[] NewNetwork() =>
        [new Dense<double>(28 * 28, 40), new Tanh<double>(), new Dense<double>(40, 10), new Tanh<double>()];

    private static double InitialError(Layer<double>[] network, Matrix<double>[] x, Matrix<double>[] y)
    {
        double sum = 0;
        for (int s = 0; s < x.Length; s++) sum += Loss.Mse(y[s], Tutorial.Predict(network, x[s]));
        return sum / x.Length;
    }

    private static void PrintErrors(TextWriter output, string who, double[] errors)
    {
        if (errors.Length == 0) return;
        output.WriteLine(Inv($"{who + ":",-6} epoch 1 error={errors[0]:R}, epoch {errors.Length} error={errors[^1]:R}"));
    }

    private static double[] Parse(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    private static string Inv(FormattableString s) => FormattableString.Invariant(s);
}
