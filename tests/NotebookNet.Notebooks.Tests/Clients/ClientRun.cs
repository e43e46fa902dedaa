using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NotebookNet.Notebooks.Tests;

/// <summary>What one client did with one notebook: exit code, seconds, output and the files it wrote.</summary>
public sealed record ClientNotebookRun(string Notebook, int ExitCode, double Seconds, string Log, string? ExecutedNotebook, string? HtmlPage);

/// <summary>Starting the clients as a teacher would (their own processes), and what they leave behind.</summary>
internal static class ClientRun
{
    /// <summary>NotebookNet.Interactive's NotebookResults folder variable: each client run gets its own folder.</summary>
    public const string ResultsVariable = "NOTEBOOKNET_RESULTS";

    public sealed record Finished(int ExitCode, string Output, double Seconds);

    /// <summary>Runs a process to its end (killed after <paramref name="timeout"/>), stdout and stderr together.</summary>
    public static Finished Run(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) return new Finished(124, output + $"\n[killed after {timeout.TotalSeconds} s]", clock.Elapsed.TotalSeconds);
        }
        process.WaitForExit(); // drains the asynchronous readers
        lock (output) return new Finished(process.ExitCode, output.ToString(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>The figures recorded in <paramref name="folder"/>'s results.json; empty when there is none.</summary>
    public static IReadOnlyDictionary<string, double> ReadResults(string folder)
    {
        string path = Path.Combine(folder, "results.json");
        return File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) ?? []
            : new Dictionary<string, double>();
    }

    /// <summary>
    /// Asserts a client recorded the runner's figures: the same names, and the same values except times
    /// (<c>*.seconds</c>), which are only required to be there. 08 and 09 must have recorded something.
    /// </summary>
    public static void AssertSameFigures(string client, IReadOnlyDictionary<string, double> runner, IReadOnlyDictionary<string, double> other)
    {
        Assert.Contains(runner.Keys, k => k.StartsWith("dense.", StringComparison.Ordinal)); // 08
        Assert.Contains(runner.Keys, k => k.StartsWith("cnn.", StringComparison.Ordinal));   // 09
        Assert.Equal(runner.Keys.Order(StringComparer.Ordinal), other.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in runner)
        {
            if (name.EndsWith(".seconds", StringComparison.Ordinal)) continue;
            Assert.True(value == other[name], $"{client}: {name} = {other[name].ToString("R", CultureInfo.InvariantCulture)}, our runner {value.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    /// <summary>
    /// Writes artifacts/clients/CLIENT.tsv (notebook, seconds, exit code), replacing the last run's: what each client's
    /// tests cost, notebook by notebook.
    /// </summary>
    public static void WriteSeconds(string client, IEnumerable<ClientNotebookRun> runs)
    {
        string folder = Path.Combine(NotebookSeries.Root(), "artifacts", "clients");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, client + ".tsv"), runs.Select(r =>
            string.Join('\t', r.Notebook, r.Seconds.ToString("0.0", CultureInfo.InvariantCulture), r.ExitCode.ToString(CultureInfo.InvariantCulture))));
    }

    public static string Tail(string text, int length = 4000) => text.Length <= length ? text : text[^length..];
}
