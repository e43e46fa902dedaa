namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Runs the fixture notebooks once for all tests of the collection (kernels cost seconds) and exports them.
/// </summary>
public sealed class FixtureRuns : IAsyncLifetime
{
    public NotebookWorkspace Workspace { get; } = new();

    public string CurrentDirectoryBefore { get; private set; } = "";

    public string CurrentDirectoryAfter { get; private set; } = "";

    public NotebookRunResult Good { get; private set; } = null!;

    public NotebookRunResult CompileError { get; private set; } = null!;

    public NotebookRunResult Throws { get; private set; } = null!;

    public NotebookRunResult Chart { get; private set; } = null!;

    public IReadOnlyList<ExportedNotebook> Exported { get; private set; } = [];

    public NotebookExporter Exporter { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        CurrentDirectoryBefore = Directory.GetCurrentDirectory();
        var runner = new NotebookRunner();
        var results = await runner.RunAllAsync(
            new[] { "good.ipynb", "compile-error.ipynb", "throws.ipynb", "chart.ipynb" }.Select(Workspace.Notebook));
        CurrentDirectoryAfter = Directory.GetCurrentDirectory();
        (Good, CompileError, Throws, Chart) = (results[0], results[1], results[2], results[3]);
        Exporter = new NotebookExporter(Workspace.Output);
        Exported = Exporter.ExportAll(results);
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }

    public ExportedNotebook Export(NotebookRunResult result) => Exported.Single(e => e.Result == result);
}

/// <summary>Tests that run notebooks share one set of runs and never run in parallel (the runner changes the current directory).</summary>
[CollectionDefinition(Name)]
public sealed class NotebookCollection : ICollectionFixture<FixtureRuns>
{
    public const string Name = "notebooks";
}
