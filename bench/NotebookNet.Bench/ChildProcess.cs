using System.Diagnostics;

namespace NotebookNet.Bench;

/// <summary>Runs a program to its end (or stops it after a timeout), collecting its output and its wall time.</summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output, double Seconds, bool TimedOut);

    public static Result Run(string program, IEnumerable<string> arguments, Action<IDictionary<string, string?>> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        environment(info.Environment);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new(-1, "", clock.Elapsed.TotalSeconds, TimedOut: true);
        }
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        return new(process.ExitCode, stdout.Result + stderr.Result, seconds, TimedOut: false);
    }
}
