namespace NotebookNet.Bench;

/// <summary><c>gemm</c>: our GEMM kernels (GemmBenchmark) and, when TorchSharp loads, torch.matmul float32 1024³.</summary>
public static class GemmCommand
{
    /// <summary>Runs the GEMM table and torch.matmul; fills <paramref name="card"/>'s convolution-shaped GEMM row when given.</summary>
    public static void Run(Options options, TextWriter output, Scorecard? card = null)
    {
        int threads = Math.Max(1, options.Int("threads", 2));
        int repeat = Math.Max(1, options.Int("repeat", 20));
        bool skipTorch = options.Flag("no-torch");
        options.RejectUnknown();

        GemmBenchmark.Run(output, card);
        output.WriteLine();
        ConvolutionBenchmark.Run(output);

        if (skipTorch) return;
        if (!TorchEngine.TryLoad(threads, out var why))
        {
            output.WriteLine($"torch: {why}");
            return;
        }
        const int n = 1024;
        var seconds = TorchEngine.TimeMatmul(n, repeat);
        double median = Stats.Median(seconds);
        output.WriteLine($"torch: {TorchEngine.Describe()}");
        output.WriteLine(FormattableString.Invariant(
            $"torch.matmul float32 {n}x{n}x{n}: {median * 1e3:F2} ms median of {repeat} (best {seconds.Min() * 1e3:F2} ms), {2.0 * n * n * n / median / 1e9:F1} GFLOP/s"));
    }
}
