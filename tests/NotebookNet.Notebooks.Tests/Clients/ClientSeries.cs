namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// The whole series run by one client, in order, notebook by notebook (10 quotes 08's figures), with one results
/// folder of its own; a class fixture, so each client runs the series once per test run.
/// </summary>
public abstract class ClientSeries : IAsyncLifetime
{
    public string Output { get; } = Directory.CreateTempSubdirectory("notebooknet-client-").FullName;

    public IReadOnlyList<ClientNotebookRun> Runs { get; private set; } = [];

    public IReadOnlyDictionary<string, double> Recorded { get; private set; } = new Dictionary<string, double>();

    /// <summary>The client's name in messages and in artifacts/clients/.</summary>
    public abstract string Client { get; }

    public ClientNotebookRun Run(string notebook) => Runs.Single(r => r.Notebook == notebook);

    public Task InitializeAsync()
    {
        string results = Path.Combine(Output, "results");
        var environment = new Dictionary<string, string> { [ClientRun.ResultsVariable] = results };
        var runs = new List<ClientNotebookRun>();
        foreach (string notebook in NotebookSeries.Names) runs.Add(RunNotebook(notebook, environment));
        Runs = runs;
        ClientRun.WriteSeconds(Client, runs);
        Recorded = ClientRun.ReadResults(results);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Output, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    protected abstract ClientNotebookRun RunNotebook(string notebook, IReadOnlyDictionary<string, string> environment);

    /// <summary>nbconvert's HTML of an executed notebook (no execution), for opening in the browser.</summary>
    protected string? ToHtml(string executed, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(executed)) return null;
        var html = ClientRun.Run("jupyter", ["nbconvert", "--to", "html", "--output-dir", Output, executed],
            Output, environment, TimeSpan.FromMinutes(2));
        string page = Path.ChangeExtension(executed, ".html");
        Assert.True(html.ExitCode == 0 && File.Exists(page), $"nbconvert --to html {executed} failed:\n{ClientRun.Tail(html.Output)}");
        return page;
    }
}

/// <summary>Jupyter's nbconvert (Debian's nbconvert 6.5 / nbclient 0.7) with the .NET (C#) kernel scripts/setup-jupyter.sh installs.</summary>
public sealed class JupyterSeries : ClientSeries
{
    public override string Client => "jupyter-nbconvert";

    protected override ClientNotebookRun RunNotebook(string notebook, IReadOnlyDictionary<string, string> environment)
    {
        string name = Path.GetFileNameWithoutExtension(notebook);
        var run = ClientRun.Run("jupyter",
            ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp",
             "--ExecutePreprocessor.timeout=900", "--output-dir", Output, "--output", name, notebook],
            NotebookSeries.Folder(), environment, TimeSpan.FromMinutes(10));
        string executed = Path.Combine(Output, name + ".ipynb");
        return new ClientNotebookRun(notebook, run.ExitCode, run.Seconds, run.Output, File.Exists(executed) ? executed : null,
            ToHtml(executed, environment));
    }
}

/// <summary>dotnet-repl 0.3.259 (.config/dotnet-tools.json): <c>dotnet repl --run NN.ipynb --exit-after-run --output-path …</c>.</summary>
public sealed class ReplSeries : ClientSeries
{
    public override string Client => "dotnet-repl";

    protected override ClientNotebookRun RunNotebook(string notebook, IReadOnlyDictionary<string, string> environment)
    {
        string executed = Path.Combine(Output, notebook);
        var run = ClientRun.Run("dotnet", ["repl", "--run", notebook, "--exit-after-run", "--output-path", executed],
            NotebookSeries.Folder(), environment, TimeSpan.FromMinutes(10));
        return new ClientNotebookRun(notebook, run.ExitCode, run.Seconds, run.Output, File.Exists(executed) ? executed : null,
            ToHtml(executed, environment));
    }
}

/// <summary>The file-based apps (<c>dotnet run notebooks/apps/NN-Name.cs</c>, from the repository root), build included.</summary>
public sealed class AppSeries : ClientSeries
{
    public override string Client => "dotnet-run-app";

    protected override ClientNotebookRun RunNotebook(string notebook, IReadOnlyDictionary<string, string> environment)
    {
        string app = Path.Combine("notebooks", "apps", Path.ChangeExtension(notebook, ".cs"));
        var run = ClientRun.Run("dotnet", ["run", app], NotebookSeries.Root(), environment, TimeSpan.FromMinutes(10));
        var page = System.Text.RegularExpressions.Regex.Match(run.Output, @"^Página con \d+ figuras: (?<path>.+\.html)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
        return new ClientNotebookRun(notebook, run.ExitCode, run.Seconds, run.Output, null, page.Success ? page.Groups["path"].Value.Trim() : null);
    }
}
