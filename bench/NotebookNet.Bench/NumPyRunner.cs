using System.Diagnostics;

namespace NotebookNet.Bench;

/// <summary>Runs bench/numpy/tutorial.py with Debian's system Python and reads its <c>key=value</c> lines.</summary>
public static class NumPyRunner
{
    /// <summary>Debian's interpreter, whose python3-numpy run.sh installs (not the pyenv one on PATH).</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>True when <paramref name="python"/> exists and imports numpy; <paramref name="why"/> says otherwise.</summary>
    public static bool Available(string python, out string why)
    {
        if (!File.Exists(python))
        {
            why = $"{python} not found";
            return false;
        }
        var (code, output) = Run(python, ["-c", "import numpy"]);
        why = code == 0 ? "" : $"{python} cannot import numpy (apt-get install python3-numpy): {output.Trim()}";
        return code == 0;
    }

    /// <summary>Runs the script and returns its key=value lines; throws with its output when it fails.</summary>
    /// <param name="blasThreads">Sets OPENBLAS_NUM_THREADS for the child when given; NumPy's default otherwise.</param>
    public static Dictionary<string, string> RunScript(string python, string script, IEnumerable<string> arguments, int? blasThreads = null)
    {
        var (code, output) = Run(python, [script, .. arguments], blasThreads);
        if (code != 0) throw new InvalidOperationException($"{script} exited with {code}:\n{output}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = line.IndexOf('=');
            if (eq > 0) values.TryAdd(line[..eq], line[(eq + 1)..]);
        }
        return values;
    }

    private static (int Code, string Output) Run(string python, IEnumerable<string> arguments, int? blasThreads = null)
    {
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // Some machines set these for old OpenBLAS builds; they force a slower kernel on a current one.
        // They are removed for the NumPy child only, never for this process or the tests.
        info.Environment.Remove("OPENBLAS_CORETYPE");
        info.Environment.Remove("OPENBLAS_L2_SIZE");
        if (blasThreads is int threads) info.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
