using System.Text.Json;

namespace NotebookNet.Notebooks.Tests;

/// <summary>The .NET (C#) kernel scripts/setup-jupyter.sh installs: it starts outside the repository and listens on loopback only.</summary>
public sealed class JupyterKernelTests
{
    [Fact]
    public void The_installed_kernel_starts_outside_the_repository_and_listens_on_loopback_only()
    {
        string script = Path.Combine(NotebookSeries.Root(), "tests", "NotebookNet.Notebooks.Tests", "Clients", "kernel-sockets.py");
        var run = ClientRun.Run("/usr/bin/python3", [script], Path.GetTempPath(), new Dictionary<string, string>(), TimeSpan.FromMinutes(4));
        string? json = run.Output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        Assert.True(run.ExitCode == 0 && json is not null, $"The kernel did not start (run `bash scripts/setup-jupyter.sh`):\n{ClientRun.Tail(run.Output)}");
        using var report = JsonDocument.Parse(json);
        string folder = report.RootElement.GetProperty("folder").GetString()!;
        Assert.Contains(report.RootElement.GetProperty("outputs").EnumerateArray(), o => (o.GetString() ?? "").Contains(folder, StringComparison.Ordinal));
        var listening = report.RootElement.GetProperty("listening").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.NotEmpty(listening); // the ZeroMQ sockets and the HTTP server
        Assert.All(listening, address => Assert.StartsWith("127.0.0.1:", address));
    }
}
