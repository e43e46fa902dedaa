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
        var run = ChildProcess.Run(python, ["-c", "import numpy"], _ => { }, TimeSpan.FromMinutes(1));
        why = run.ExitCode == 0 ? "" : $"{python} cannot import numpy (apt-get install python3-numpy): {run.Output.Trim()}";
        return run.ExitCode == 0;
    }

    /// <summary>
    /// Runs the script on <paramref name="blas"/> and returns its key=value lines, or null when it ran past
    /// <paramref name="timeout"/> (then it is stopped); throws with its output when it fails.
    /// </summary>
    public static Dictionary<string, string>? RunScript(string python, string script, IEnumerable<string> arguments,
        BlasConfiguration blas, TimeSpan timeout)
    {
        var run = ChildProcess.Run(python, [script, .. arguments], env => Prepare(env, blas), timeout);
        if (run.TimedOut) return null;
        if (run.ExitCode != 0) throw new InvalidOperationException($"{script} exited with {run.ExitCode}:\n{run.Output}");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = line.IndexOf('=');
            if (eq > 0) values.TryAdd(line[..eq], line[(eq + 1)..]);
        }
        return values;
    }

    /// <summary>The NumPy child's environment: <paramref name="blas"/> selected, nothing else of this machine's BLAS tuning.</summary>
    public static void Prepare(IDictionary<string, string?> environment, BlasConfiguration blas)
    {
        // Some machines set these for old OpenBLAS builds; each configuration is measured as Debian ships it.
        // They are removed for the NumPy child only, never for this process or the tests.
        environment.Remove("OPENBLAS_CORETYPE");
        environment.Remove("OPENBLAS_L2_SIZE");
        blas.Apply(environment);
    }
}
