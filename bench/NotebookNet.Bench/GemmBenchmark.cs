using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Bench;

/// <summary>
/// Speed of <see cref="Blas"/> against MathNet.Numerics' managed <c>Matrix&lt;T&gt;</c> product on the shapes the
/// project runs: a square 1024³ product, the CNN's im2col products (forward, weight gradient, input gradient)
/// and the tutorial's per-sample matrix–vector and rank-one updates. Big shapes are reported in GFLOP/s and as
/// a share of the FMA peak measured here with a register-only loop on every core; tiny ones in µs per call.
/// Every figure is the best of many short timed batches (the machine is shared; the best is the least disturbed).
/// </summary>
public static class GemmBenchmark
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Runs every shape and writes the table to <paramref name="output"/>; the convolution-shaped rows' lowest share of
    /// the peak goes to <paramref name="card"/> when given.
    /// </summary>
    public static void Run(TextWriter output, Scorecard? card = null)
    {
        int cores = Environment.ProcessorCount;
        bool wide = Vector512.IsHardwareAccelerated;
        double peak32 = MeasurePeak<float>(cores), peak64 = MeasurePeak<double>(cores);
        double peak32One = MeasurePeak<float>(1);
        Line(output, $"GEMM: NotebookNet.Kernels.Blas vs MathNet.Numerics managed Matrix<T> product (column-major)");
        Line(output, $"CPU: {cores} cores, widest accelerated vector: {(wide ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128)} bits");
        if (File.Exists("/proc/loadavg"))
            Line(output, $"Load average at start (1/5/15 min, runnable/total): {File.ReadAllText("/proc/loadavg").Trim()}");
        Line(output, $"FMA peak (register loop): fp32 {peak32:F1} GFLOP/s on {cores} cores ({peak32One:F1} on one), fp64 {peak64:F1} GFLOP/s");
        Line(output, $"Memory read bandwidth (streaming sum, {cores} threads): {MeasureBandwidth(cores):F1} GB/s; products whose operands exceed L3 are bounded by it");
        output.WriteLine();
        Line(output, $"{"shape (m x n x k)",-50} {"type",-6} {"Blas GFLOP/s",12} {"% peak",7} {"MathNet",9} {"ratio",7}");

        Product<float>(output, "square A·B", false, false, 1024, 1024, 1024, peak32);
        Product<double>(output, "square A·B", false, false, 1024, 1024, 1024, peak64);
        Product<float>(output, "square Aᵀ·B", true, false, 1024, 1024, 1024, peak32);
        Product<float>(output, "square A·Bᵀ", false, true, 1024, 1024, 1024, peak32);
        // conv C[outC, N·H·W] = W[outC, C·k·k] · cols, batch N = 64.
        double[] conv =
        [
            Product<float>(output, "conv1 fwd W·cols (1→32, 5x5, 28x28)", false, false, 32, 64 * 784, 25, peak32),
            Product<float>(output, "conv2 fwd W·cols (32→64, 5x5, 14x14)", false, false, 64, 64 * 196, 800, peak32),
            Product<float>(output, "conv2 fwd, 32 out channels", false, false, 32, 64 * 196, 800, peak32),
            Product<float>(output, "conv2 fwd, 8-sample chunk (B in L3)", false, false, 64, 8 * 196, 800, peak32),
            Product<float>(output, "conv2 fwd, one sample", false, false, 64, 196, 800, peak32),
            Product<float>(output, "conv2 dW = dY·colsᵀ", false, true, 64, 800, 64 * 196, peak32),
            Product<float>(output, "conv2 dcols = Wᵀ·dY", true, false, 800, 64 * 196, 64, peak32),
        ];
        Product<float>(output, "dense fwd 3136→128, batch 64", false, false, 128, 64, 3136, peak32);
        Product<double>(output, "tutorial dense 784→40, batch 64", false, false, 40, 64, 784, peak64);

        output.WriteLine();
        Line(output, $"{"per-sample (double)",-50} {"Blas µs",9} {"MathNet µs",11} {"ratio",7}");
        Tiny(output);
        card?.Add(Scorecard.ConvProducts, FormattableString.Invariant(
            $"{100 * conv.Min():F0}% lowest, {100 * conv.Max():F0}% highest of {conv.Length} rows"), conv.Min() >= 0.8);
    }

    /// <summary>Times one product, writes its row and returns its share of <paramref name="peak"/>.</summary>
    private static double Product<T>(TextWriter output, string name, bool transA, bool transB, int m, int n, int k, double peak)
        where T : struct, IFloatingPointIeee754<T>
    {
        var a = Random<T>(transA ? k : m, transA ? m : k, 1);
        var b = Random<T>(transB ? n : k, transB ? k : n, 2);
        var c = Matrix<T>.Build.Dense(m, n);
        T[] ad = MatrixData.Of(a), bd = MatrixData.Of(b), cd = MatrixData.Of(c);
        double flops = 2.0 * m * n * k;

        double blas = Best(() => Blas.Gemm(transA, transB, m, n, k, T.One, ad, a.RowCount, bd, b.RowCount, T.Zero, cd, m),
            targetSeconds: 1.0);
        Action mathNet = (transA, transB) switch
        {
            (false, false) => () => a.Multiply(b, c),
            (true, false) => () => a.TransposeThisAndMultiply(b, c),
            (false, true) => () => a.TransposeAndMultiply(b, c),
            _ => () => a.Transpose().TransposeAndMultiply(b, c),
        };
        double managed = Best(mathNet, targetSeconds: 1.0, maxRuns: 3);
        double gBlas = flops / blas / 1e9, gManaged = flops / managed / 1e9;
        Line(output, $"{$"{name} {m}x{n}x{k}",-50} {TypeName<T>(),-6} {gBlas,12:F1} {100 * gBlas / peak,6:F0}% {gManaged,9:F2} {gBlas / gManaged,6:F0}x");
        return gBlas / peak;
    }

    private static void Tiny(TextWriter output)
    {
        const int outputs = 40, inputs = 784;
        var w = Random<double>(outputs, inputs, 3);
        var x = Random<double>(inputs, 1, 4);
        var g = Random<double>(outputs, 1, 5);
        var y = Matrix<double>.Build.Dense(outputs, 1);
        var dx = Matrix<double>.Build.Dense(inputs, 1);
        var outer = Matrix<double>.Build.Dense(outputs, inputs);
        double[] wd = MatrixData.Of(w), xd = MatrixData.Of(x), gd = MatrixData.Of(g), yd = MatrixData.Of(y), dxd = MatrixData.Of(dx);
        const double lr = -1e-6;

        Compare(output, "forward W·x (40x1x784)",
            () => Blas.Gemm(false, false, outputs, 1, inputs, 1.0, wd, outputs, xd, inputs, 1.0, yd, outputs),
            () => w.Multiply(x, y));
        Compare(output, "input gradient Wᵀ·g (784x1x40)",
            () => Blas.Gemm(true, false, inputs, 1, outputs, 1.0, wd, outputs, gd, outputs, 0.0, dxd, inputs),
            () => w.TransposeThisAndMultiply(g, dx));
        Compare(output, "update W += lr·g·xᵀ (Ger 40x784)",
            () => Blas.Ger(outputs, inputs, lr, gd, xd, wd, outputs),
            () =>
            {
                g.TransposeAndMultiply(x, outer);
                outer.Multiply(lr, outer);
                w.Add(outer, w);
            });
    }

    private static void Compare(TextWriter output, string name, Action blas, Action mathNet)
    {
        // Many short batches: on a busy machine some of them run without being preempted.
        double tBlas = Best(blas, targetSeconds: 0.3, maxRuns: 200) * 1e6;
        double tManaged = Best(mathNet, targetSeconds: 0.3, maxRuns: 200) * 1e6;
        Line(output, $"{name,-50} {tBlas,9:F2} {tManaged,11:F2} {tManaged / tBlas,6:F0}x");
    }

    /// <summary>
    /// Seconds per call: the best of up to <paramref name="maxRuns"/> timed batches of about a millisecond
    /// (one call when a call is longer) within <paramref name="targetSeconds"/>, after a fifth of that (at most 0.2 s)
    /// of warm-up calls. Short batches make it likely that some of them ran without being preempted on a shared machine.
    /// A call slower than the whole budget (MathNet's big products) is timed once, warm-up included.
    /// </summary>
    internal static double Best(Action action, double targetSeconds, int maxRuns = 200)
    {
        // Warm up first: the first calls run code the JIT has not optimised yet, on helper threads that were asleep.
        var sw = Stopwatch.StartNew();
        int warm = 0;
        do { action(); warm++; } while (sw.Elapsed.TotalSeconds < Math.Min(0.2, targetSeconds / 5));
        double once = Math.Max(sw.Elapsed.TotalSeconds / warm, 1e-7);
        if (once >= targetSeconds) return once;
        // Batches of at least a millisecond, so the clock's resolution and one call's jitter do not decide the figure.
        int perRun = (int)Math.Max(1, Math.Ceiling(1e-3 / once));
        int runs = (int)Math.Clamp(targetSeconds / (perRun * once), 1, maxRuns);
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            sw.Restart();
            for (int i = 0; i < perRun; i++) action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / perRun);
        }
        return best;
    }

    /// <summary>The float32 FMA peak in GFLOP/s on <paramref name="threads"/> threads, at the widest accelerated vector.</summary>
    public static double FmaPeak(int threads) => MeasurePeak<float>(threads);

    /// <summary>
    /// Peak FMA throughput in GFLOP/s: each thread runs ten independent FMA chains on registers only
    /// (enough to cover the FMA latency on both pipes), so nothing but the FMA units limits it.
    /// Best of many short attempts, like the products. The threads are started once and released together for each
    /// attempt (a thread-pool loop may run both shares one after the other on one thread and report one core's peak);
    /// an attempt lasts from the first thread's start to the last one's end.
    /// </summary>
    private static double MeasurePeak<T>(int threads) where T : struct, IFloatingPointIeee754<T>
    {
        const long iterations = 2_000_000;
        const int attempts = 15;
        PeakLoop<T>(1000);
        int lanes = Vector512.IsHardwareAccelerated ? Vector512<T>.Count : Vector256<T>.Count;
        using var start = new Barrier(threads + 1);
        using var done = new Barrier(threads + 1);
        // Each thread stamps its own start and end: the coordinating thread may not run again until they are done.
        long[] began = new long[threads], ended = new long[threads];
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() =>
        {
            for (int attempt = 0; attempt < attempts; attempt++)
            {
                start.SignalAndWait();
                began[w] = Stopwatch.GetTimestamp();
                PeakLoop<T>(iterations);
                ended[w] = Stopwatch.GetTimestamp();
                done.SignalAndWait();
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());
        double best = 0;
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            start.SignalAndWait();
            done.SignalAndWait();
            double seconds = (double)(ended.Max() - began.Min()) / Stopwatch.Frequency;
            best = Math.Max(best, threads * iterations * 10.0 * lanes * 2 / seconds / 1e9);
        }
        workers.ForEach(w => w.Join());
        return best;
    }

    /// <summary>GB/s of a vectorised sum over 256 MB split across <paramref name="threads"/> threads (best of 3).</summary>
    private static unsafe double MeasureBandwidth(int threads)
    {
        const int length = 64 << 20;
        var data = GC.AllocateUninitializedArray<float>(length, pinned: true);
        Array.Fill(data, 1f);
        double best = 0;
        fixed (float* p = data)
        {
            nint start = (nint)p;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                var sw = Stopwatch.StartNew();
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads },
                    t => SumRun((float*)start + (long)length / threads * t, length / threads));
                best = Math.Max(best, length * 4.0 / sw.Elapsed.TotalSeconds / 1e9);
            }
        }
        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe float SumRun(float* p, int length)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int i = 0; i + 32 <= length; i += 32)
        {
            s0 += Vector256.Load(p + i);
            s1 += Vector256.Load(p + i + 8);
            s2 += Vector256.Load(p + i + 16);
            s3 += Vector256.Load(p + i + 24);
        }
        return Vector256.Sum(s0 + s1 + s2 + s3);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T PeakLoop<T>(long iterations) where T : struct, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(T.CreateChecked(0.999999)); var d = Vector512.Create(T.CreateChecked(1e-6));
            Vector512<T> a0 = d, a1 = d + d, a2 = a1 + d, a3 = a2 + d, a4 = a3 + d, a5 = a4 + d, a6 = a5 + d, a7 = a6 + d, a8 = a7 + d, a9 = a8 + d;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Fma(a0, m, d); a1 = Fma(a1, m, d); a2 = Fma(a2, m, d); a3 = Fma(a3, m, d); a4 = Fma(a4, m, d);
                a5 = Fma(a5, m, d); a6 = Fma(a6, m, d); a7 = Fma(a7, m, d); a8 = Fma(a8, m, d); a9 = Fma(a9, m, d);
            }
            return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
        }
        else
        {
            var m = Vector256.Create(T.CreateChecked(0.999999)); var d = Vector256.Create(T.CreateChecked(1e-6));
            Vector256<T> a0 = d, a1 = d + d, a2 = a1 + d, a3 = a2 + d, a4 = a3 + d, a5 = a4 + d, a6 = a5 + d, a7 = a6 + d, a8 = a7 + d, a9 = a8 + d;
            for (long i = 0; i < iterations; i++)
            {
                a0 = Fma(a0, m, d); a1 = Fma(a1, m, d); a2 = Fma(a2, m, d); a3 = Fma(a3, m, d); a4 = Fma(a4, m, d);
                a5 = Fma(a5, m, d); a6 = Fma(a6, m, d); a7 = Fma(a7, m, d); a8 = Fma(a8, m, d); a9 = Fma(a9, m, d);
            }
            return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c) =>
        typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c) =>
        typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    private static Matrix<T> Random<T>(int rows, int columns, uint seed) where T : struct, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        return Matrix<T>.Build.Dense(rows, columns, (_, _) => T.CreateChecked(rng.NextDouble() - 0.5));
    }

    private static string TypeName<T>() => typeof(T) == typeof(float) ? "float" : "double";

    /// <summary>Formats with the invariant culture (an interpolated string would otherwise use the current one).</summary>
    private static void Line(TextWriter output, FormattableString text) => output.WriteLine(text.ToString(Inv));
}
