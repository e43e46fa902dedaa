using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Bench;

/// <summary>
/// LeNet-5's two convolution layers as training runs them: a batch of 128 images through <c>Forward</c> and
/// <c>Backward</c> (the first layer computes no input gradient), the batch split over every core by the layer
/// itself. GFLOP/s count the direct convolution's multiply-adds, whatever algorithm the layer picks, so a fast
/// algorithm shows up as a higher share of the FMA peak.
/// </summary>
public static class ConvolutionBenchmark
{
    private const int Batch = 128;

    public static void Run(TextWriter output)
    {
        int cores = Environment.ProcessorCount;
        double peak = GemmBenchmark.FmaPeak(cores);
        output.WriteLine(FormattableString.Invariant(
            $"LeNet-5's convolution layers as trained: batch {Batch}, {cores} cores, direct-convolution FLOPs; fp32 FMA peak {peak:F1} GFLOP/s"));
        output.WriteLine($"  {"layer",-34} {"pass",-22} {"ms",8} {"GFLOP/s",9} {"% peak",7}");
        double flops = 0, seconds = 0;
        foreach (var (name, layer, inputGradient) in new (string, Convolutional<float>, bool)[]
        {
            ("conv1 1→32, 5x5 p2, 28x28", new Convolutional<float>((1, 28, 28), 5, 32, new Rng(1), padding: 2), false),
            ("conv2 32→64, 5x5 p2, 14x14", new Convolutional<float>((32, 14, 14), 5, 64, new Rng(2), padding: 2), true),
        })
        {
            var model = new Sequential<float>(layer).Train();
            layer.InputGradientNeeded = inputGradient;
            var rng = new Rng(3);
            var x = Matrix<float>.Build.Dense(layer.InputShape.Depth * layer.InputShape.Height * layer.InputShape.Width, Batch, (_, _) => (float)rng.NextDouble());
            var (d, h, w) = layer.OutputShape;
            var dy = Matrix<float>.Build.Dense(d * h * w, Batch, (_, _) => (float)rng.NextDouble() - 0.5f);
            double forward = 2.0 * Batch * h * w * d * layer.InputShape.Depth * layer.KernelSize * layer.KernelSize;
            // The best of many timed calls within a second each (GemmBenchmark's rule): the machine may be shared.
            double tf = GemmBenchmark.Best(() => layer.Forward(x), targetSeconds: 1.0);
            double tb = GemmBenchmark.Best(() => { layer.Forward(x); layer.Backward(dy); }, targetSeconds: 1.0) - tf;
            Row(output, name, "forward", tf, forward, peak);
            Row(output, name, inputGradient ? "backward (dW and dX)" : "backward (dW)", tb, forward * (inputGradient ? 2 : 1), peak);
            flops += forward * (inputGradient ? 3 : 2);
            seconds += tf + tb;
        }
        double total = flops / seconds / 1e9;
        output.WriteLine(FormattableString.Invariant($"  all of them: {total:F1} GFLOP/s, {100 * total / peak:F0}% of peak"));
    }

    private static void Row(TextWriter output, string layer, string pass, double seconds, double flops, double peak)
    {
        double g = flops / seconds / 1e9;
        output.WriteLine(FormattableString.Invariant($"  {layer,-34} {pass,-22} {seconds * 1e3,8:F2} {g,9:F1} {100 * g / peak,6:F0}%"));
    }
}
