using System.Diagnostics;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace NotebookNet.Bench;

/// <summary>TorchSharp (libtorch CPU): loading it, and the thread count every timing uses.</summary>
public static class TorchEngine
{
    private static bool? _loaded;
    private static string _why = "";

    /// <summary>
    /// True when libtorch loads. On Debian 12 it only does after bench/torch-shim/patch.sh (run.sh calls it)
    /// has patched the copy of libLibTorchSharp.so in the build output; otherwise <paramref name="why"/> says so.
    /// </summary>
    public static bool TryLoad(int threads, out string why)
    {
        if (_loaded is null)
        {
            try
            {
                Touch(threads);
                _loaded = true;
            }
            catch (Exception e)
            {
                _loaded = false;
                var message = e.InnerException?.Message ?? e.Message;
                _why = "TorchSharp did not load (on Debian 12 run bench/run.sh, which patches libLibTorchSharp.so; " +
                       "see bench/torch-shim/README.md): " + message.Split('\n')[0];
            }
        }
        why = _why;
        return _loaded.Value;
    }

    /// <summary>"TorchSharp 0.107.0, libtorch 2.10.0, 2 threads".</summary>
    public static string Describe() =>
        FormattableString.Invariant(
            $"TorchSharp {typeof(torch).Assembly.GetName().Version?.ToString(3)}, libtorch {torch.__version__}, {torch.get_num_threads()} threads");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Touch(int threads)
    {
        torch.set_num_threads(threads);
        using var t = torch.ones(2, 2);
        if (t.sum().item<float>() != 4) throw new InvalidOperationException("libtorch computed 1+1+1+1 != 4.");
    }

    /// <summary>Seconds of each <c>torch.matmul</c> on two n×n float32 matrices (after three warm-ups).</summary>
    public static List<double> TimeMatmul(int n, int repeat)
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.randn(n, n, dtype: ScalarType.Float32);
        var b = torch.randn(n, n, dtype: ScalarType.Float32);
        for (int w = 0; w < 3; w++) torch.matmul(a, b).Dispose();
        var seconds = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            var sw = Stopwatch.StartNew();
            using var c = torch.matmul(a, b);
            seconds.Add(sw.Elapsed.TotalSeconds);
        }
        return seconds;
    }
}
