namespace NotebookNet.Notebooks.Tests;

/// <summary>The notebooks in the clients a C# user has, besides our runner; each class runs the whole series once.</summary>
public static class ClientExpectations
{
    public static TheoryData<string> Notebooks() => [.. NotebookSeries.Names];

    /// <summary>How many charts our runner showed for a notebook: what every other client must draw too.</summary>
    public static int RunnerCharts(NotebookSeriesRuns runner, string notebook) =>
        runner.Result(notebook).Cells.SelectMany(c => c.Outputs)
            .Count(o => o.Data.TryGetValue(CellOutput.Html, out string? html) && html.Contains("class=\"notebooknet-plotly\"", StringComparison.Ordinal));

    /// <param name="counted">Whether the client numbers the cells it ran (Jupyter does; dotnet-repl writes no execution counts).</param>
    public static void AssertRunClean(ClientSeries series, string notebook, bool counted)
    {
        var run = series.Run(notebook);
        Assert.True(run.ExitCode == 0, $"{series.Client} {notebook}: exit {run.ExitCode}\n{ClientRun.Tail(run.Log)}");
        Assert.True(run.ExecutedNotebook is not null, $"{series.Client} {notebook}: wrote no executed notebook\n{ClientRun.Tail(run.Log)}");
        var executed = ExecutedIpynb.Read(run.ExecutedNotebook);
        Assert.True(executed.Problems.Count == 0, $"{series.Client} {notebook}:\n" + string.Join("\n", executed.Problems));
        if (counted) Assert.Equal(executed.CodeCells, executed.ExecutedCells);
    }

    public static void AssertChartsDrawn(ClientSeries series, NotebookSeriesRuns runner, string notebook)
    {
        var run = series.Run(notebook);
        int expected = RunnerCharts(runner, notebook);
        if (expected == 0 && run.HtmlPage is null) return;
        Assert.True(run.HtmlPage is not null && File.Exists(run.HtmlPage), $"{series.Client} {notebook}: no HTML page\n{ClientRun.Tail(run.Log)}");
        var drawn = ChartCheck.Open(run.HtmlPage, series.Output);
        Assert.True(drawn.Charts == expected, $"{series.Client} {notebook}: {drawn.Charts} charts on the page, our runner showed {expected}");
        Assert.True(drawn.DrawnCharts == expected, $"{series.Client} {notebook}: charts not drawn offline: {drawn.Undrawn} (window.Plotly is {drawn.PlotlyType})");
    }
}

[Collection(NotebookCollection.Name)]
public sealed class JupyterNbconvertTests(NotebookSeriesRuns runner, JupyterSeries jupyter) : IClassFixture<NotebookSeriesRuns>, IClassFixture<JupyterSeries>
{
    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void Every_cell_runs_in_jupyter_with_no_error_and_no_stderr(string notebook) => ClientExpectations.AssertRunClean(jupyter, notebook, counted: true);

    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void The_nbconvert_page_draws_every_chart_offline(string notebook) => ClientExpectations.AssertChartsDrawn(jupyter, runner, notebook);

    [Fact]
    public void Jupyter_records_the_figures_of_our_runner() => ClientRun.AssertSameFigures(jupyter.Client, runner.Recorded, jupyter.Recorded);
}

[Collection(NotebookCollection.Name)]
public sealed class DotnetReplTests(NotebookSeriesRuns runner, ReplSeries repl) : IClassFixture<NotebookSeriesRuns>, IClassFixture<ReplSeries>
{
    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void Every_notebook_runs_in_dotnet_repl_and_exits_0_with_clean_outputs(string notebook) => ClientExpectations.AssertRunClean(repl, notebook, counted: false);

    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void The_notebook_dotnet_repl_writes_draws_every_chart_offline(string notebook) => ClientExpectations.AssertChartsDrawn(repl, runner, notebook);

    [Fact]
    public void Dotnet_repl_records_the_figures_of_our_runner() => ClientRun.AssertSameFigures(repl.Client, runner.Recorded, repl.Recorded);
}

[Collection(NotebookCollection.Name)]
public sealed class FileBasedAppTests(NotebookSeriesRuns runner, AppSeries apps) : IClassFixture<NotebookSeriesRuns>, IClassFixture<AppSeries>
{
    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void Every_app_runs_with_dotnet_run(string notebook)
    {
        var run = apps.Run(notebook);
        Assert.True(run.ExitCode == 0, $"dotnet run {notebook}: exit {run.ExitCode}\n{ClientRun.Tail(run.Log)}");
        Assert.DoesNotContain("warning", run.Log, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void The_page_an_app_writes_draws_every_chart_offline(string notebook) => ClientExpectations.AssertChartsDrawn(apps, runner, notebook);

    [Fact]
    public void The_apps_record_the_figures_of_our_runner() => ClientRun.AssertSameFigures(apps.Client, runner.Recorded, apps.Recorded);
}

[Collection(NotebookCollection.Name)]
public sealed class RunnerPageTests(NotebookSeriesRuns runner) : IClassFixture<NotebookSeriesRuns>
{
    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void The_runners_page_draws_every_chart_offline_with_one_plotly(string notebook)
    {
        string folder = Directory.CreateTempSubdirectory("notebooknet-runner-pages-").FullName;
        try
        {
            var page = new NotebookExporter(folder).Export(runner.Result(notebook));
            int expected = ClientExpectations.RunnerCharts(runner, notebook);
            string html = File.ReadAllText(page.HtmlPath);
            Assert.True(System.Text.RegularExpressions.Regex.Count(html, @"plotly\.js v\d") <= 1, $"{notebook}: more than one plotly.js on the page");
            var drawn = ChartCheck.Open(page.HtmlPath, folder);
            Assert.Equal(expected, drawn.Charts);
            Assert.True(drawn.DrawnCharts == expected, $"{notebook}: charts not drawn offline: {drawn.Undrawn}");
            Assert.Empty(drawn.NetworkRequests);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
