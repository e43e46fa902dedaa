using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Every notebook opened in Jupyter's live UI (one <c>jupyter notebook</c> on loopback, with a token) and run through
/// its menu (Cell → Run All) in headless Chromium with no network but that server (JupyterUi/run-notebook.mjs,
/// Playwright), one after the other. It runs copies of the notebooks in a folder shaped like the repository (links to
/// src/, data/, img/), so the UI cannot write outputs into the repository's notebooks.
/// </summary>
public sealed class JupyterLiveRun : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("notebooknet-jupyter-ui-").FullName;

    /// <summary>What the UI showed for each notebook (run-notebook.mjs's JSON report).</summary>
    public Dictionary<string, JsonElement> Reports { get; } = [];

    public IReadOnlyDictionary<string, double> Recorded { get; private set; } = new Dictionary<string, double>();

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string repo = NotebookSeries.Root();
        foreach (string link in new[] { "src", "data", "img", "NotebookNet.sln" })
            if (Path.Exists(Path.Combine(repo, link))) File.CreateSymbolicLink(Path.Combine(_root, link), Path.Combine(repo, link));
        Directory.CreateDirectory(Path.Combine(_root, "notebooks"));
        foreach (string notebook in NotebookSeries.Names)
            File.Copy(Path.Combine(NotebookSeries.Folder(), notebook), Path.Combine(_root, "notebooks", notebook));

        int port = FreeLoopbackPort();
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var start = new ProcessStartInfo("jupyter")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(_root, "notebooks"),
        };
        foreach (string arg in new[] { "notebook", "--no-browser", "--allow-root", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
                     $"--NotebookApp.token={token}", $"--notebook-dir={Path.Combine(_root, "notebooks")}" })
            start.ArgumentList.Add(arg);
        start.Environment[ClientRun.ResultsVariable] = Path.Combine(_root, "results");
        using var server = Process.Start(start)!;
        var serverLog = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (serverLog) serverLog.AppendLine(e.Data); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (serverLog) serverLog.AppendLine(e.Data); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            await WaitForServerAsync(port, token, server);
            string script = Path.Combine(repo, "tests", "NotebookNet.Notebooks.Tests", "Clients", "JupyterUi", "run-notebook.mjs");
            Assert.True(Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "playwright-core")),
                "playwright-core is not installed next to run-notebook.mjs: run `bash scripts/setup-jupyter.sh` (.ci/run's test.sh does).");
            var runs = new List<ClientNotebookRun>();
            foreach (string notebook in NotebookSeries.Names)
            {
                string url = $"http://127.0.0.1:{port}/notebooks/{notebook}?token={token}";
                var run = ClientRun.Run("node", [script, url, Chromium.Executable(), "420"], _root, new Dictionary<string, string>(), TimeSpan.FromMinutes(8));
                string? json = run.Output.Split('\n').LastOrDefault(l => l.StartsWith('{'));
                if (run.ExitCode != 0 || json is null)
                {
                    lock (serverLog) Log = $"{notebook}: exit {run.ExitCode}\n{run.Output}\n--- jupyter notebook ---\n{ClientRun.Tail(serverLog.ToString())}";
                    Assert.Fail($"The UI run of {notebook} failed:\n{ClientRun.Tail(Log)}");
                }
                using var report = JsonDocument.Parse(json);
                Reports[notebook] = report.RootElement.Clone();
                runs.Add(new ClientNotebookRun(notebook, 0, Reports[notebook].GetProperty("seconds").GetDouble(), "", null, null));
            }
            ClientRun.WriteSeconds("jupyter-live-ui", runs);
            Recorded = ClientRun.ReadResults(Path.Combine(_root, "results"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForServerAsync(int port, string token, Process server)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, $"jupyter notebook exited with {(server.HasExited ? server.ExitCode : 0)} before serving.");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        Assert.Fail($"jupyter notebook did not answer on 127.0.0.1:{port} within 90 s.");
    }
}

[Collection(NotebookCollection.Name)]
public sealed class JupyterLiveTests(NotebookSeriesRuns runner, JupyterLiveRun live) : IClassFixture<NotebookSeriesRuns>, IClassFixture<JupyterLiveRun>
{
    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void Run_all_in_the_live_ui_shows_no_error_and_no_stderr(string notebook)
    {
        var report = live.Reports[notebook];
        Assert.True(report.GetProperty("codeCells").GetInt32() > 0);
        Assert.Empty(report.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(report.GetProperty("stderr").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void Every_chart_draws_in_the_live_ui_with_no_network(string notebook)
    {
        var report = live.Reports[notebook];
        int expected = ClientExpectations.RunnerCharts(runner, notebook);
        Assert.Equal(expected, report.GetProperty("charts").GetInt32());
        Assert.Equal(expected, report.GetProperty("drawn").GetInt32());
        // Jupyter's own page asks nothing from outside either (its assets are served by the loopback server).
        Assert.Empty(report.GetProperty("external").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_live_ui_records_the_figures_of_our_runner() => ClientRun.AssertSameFigures("jupyter-live-ui", runner.Recorded, live.Recorded);
}
