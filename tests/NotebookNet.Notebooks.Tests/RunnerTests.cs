using System.Buffers.Binary;

namespace NotebookNet.Notebooks.Tests;

[Collection(NotebookCollection.Name)]
public sealed class RunnerTests(FixtureRuns runs)
{
    private NotebookRunResult Good => runs.Good;

    private static CellOutput Single(CellRun cell, OutputKind kind) => Assert.Single(cell.Outputs, o => o.Kind == kind);

    [Fact]
    public void GoodNotebookRunsEveryCodeCell()
    {
        Assert.True(Good.Succeeded, Good.Failure?.ToString());
        Assert.Equal(8, Good.Cells.Count);
        Assert.Equal(6, Good.ExecutedCells);
        Assert.Equal([1, 2, 3, 4, 5, 6], Good.Cells.Where(c => c.Executed).Select(c => c.ExecutionCount!.Value));
        Assert.Equal("Cuaderno de prueba", Good.Title);
        Assert.All(Good.Cells.Where(c => c.Kind == CellKind.Markdown), c => Assert.Empty(c.Outputs));
    }

    [Fact]
    public void RelativeDllReferenceResolvesFromTheNotebookFolderWithItsMathNetDependency()
    {
        var cell = Good.Cells[1];
        Assert.StartsWith("#r \"../lib/NotebookNet.dll\"", cell.Source);
        Assert.Equal("rows=2 cols=1\n", Single(cell, OutputKind.StandardOutput).Text);
    }

    [Fact]
    public void ConsoleOutputIsCollectedPerStreamAndNumbersAreCultureInvariant()
    {
        var cell = Good.Cells[2];
        Assert.Equal("hola\n1.5\n", Single(cell, OutputKind.StandardOutput).Text);
        Assert.Equal("aviso\n", Single(cell, OutputKind.StandardError).Text);
    }

    [Fact]
    public void DisplayedValuesKeepTheirMimeTypes()
    {
        var displays = Good.Cells[3].Outputs.Where(o => o.Kind == OutputKind.Display).ToList();
        Assert.Equal(2, displays.Count);
        Assert.Equal("<b id=\"shown\">negrita</b>", displays[0].Data["text/html"]);
        Assert.Equal("texto plano", displays[1].Data["text/plain"]);
    }

    [Fact]
    public void PngOutputIsABase64Png()
    {
        var output = Single(Good.Cells[4], OutputKind.Display);
        byte[] png = Convert.FromBase64String(output.Data["image/png"]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void AnUpdatedDisplayReplacesTheEarlierOutputInPlace()
    {
        var output = Assert.Single(Good.Cells[5].Outputs);
        Assert.Equal(OutputKind.Display, output.Kind);
        Assert.Equal("<i>paso 3</i>", output.Data["text/html"]);
    }

    [Fact]
    public void TheLastExpressionIsTheReturnValue()
    {
        var output = Single(Good.Cells[7], OutputKind.ReturnValue);
        Assert.Contains("42", output.Data.Values.First());
    }

    [Fact]
    public void ACompileErrorStopsTheNotebookAndNamesFileCellAndFirstLine()
    {
        var result = runs.CompileError;
        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal("compile-error.ipynb", failure.NotebookFile);
        Assert.Equal(3, failure.CellNumber);
        Assert.Equal("int b = \"no es un número\";", failure.FirstLine);
        Assert.Equal("CompilationError", failure.ErrorName);
        Assert.Contains("CS0029", failure.Message);
        Assert.Contains("compile-error.ipynb, celda 3 (int b = \"no es un número\";)", failure.ToString());
        Assert.True(result.Cells[2].Failed);
        Assert.False(result.Cells[3].Executed);
        Assert.Equal(OutputKind.Error, result.Cells[2].Outputs[^1].Kind);
    }

    [Fact]
    public void AnExceptionStopsTheNotebookAndNamesTheCellThatThrew()
    {
        var result = runs.Throws;
        var failure = Assert.IsType<CellFailure>(result.Failure);
        Assert.Equal("throws.ipynb", failure.NotebookFile);
        Assert.Equal(2, failure.CellNumber);
        Assert.Equal("throw new InvalidOperationException(\"boom en la celda 2\");", failure.FirstLine);
        Assert.Equal("InvalidOperationException", failure.ErrorName);
        Assert.Equal("boom en la celda 2", failure.Message);
        Assert.Equal("antes\n", Single(result.Cells[0], OutputKind.StandardOutput).Text);
        Assert.False(result.Cells[2].Executed);
        Assert.Empty(result.Cells[2].Outputs);
    }

    [Fact]
    public void ChartNotebookRestoresXPlotFromNuGetAndDisplaysTheChartAsHtml()
    {
        var result = runs.Chart;
        Assert.True(result.Succeeded, result.Failure?.ToString());
        var chart = Single(result.Cells[2], OutputKind.Display);
        Assert.Contains("Plotly.newPlot", chart.Data["text/html"]);
    }

    [Fact]
    public async Task DisplaysWhoseHandleKeepsTheIdAreUpdatedExactlyEvenFromALaterCell()
    {
        // KernelInvocationContextExtensions.Display returns the very DisplayedValue it announced, so its updates carry
        // the display's own id: the way for a library to drive several live views that look alike.
        string path = NotebookJson.Write(Path.Combine(runs.Workspace.Notebooks, "live-views.ipynb"),
            """
            using Microsoft.DotNet.Interactive;
            var a = KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, HTML("<p>epoch 0</p>"), "text/html");
            var b = KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, HTML("<p>epoch 0</p>"), "text/html");
            """,
            """
            b.Update(HTML("<p>b: epoch 2</p>"));
            a.Update(HTML("<p>a: epoch 2</p>"));
            Console.WriteLine("updated");
            """);
        var result = await new NotebookRunner().RunAsync(path);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal(["<p>a: epoch 2</p>", "<p>b: epoch 2</p>"], result.Cells[0].Outputs.Select(o => o.Data["text/html"]));
        Assert.Equal("updated\n", Assert.Single(result.Cells[1].Outputs).Text);
    }

    [Fact]
    public void TheCurrentDirectoryIsRestoredAfterTheRuns() =>
        Assert.Equal(runs.CurrentDirectoryBefore, runs.CurrentDirectoryAfter);

    [Fact]
    public void KernelStartUpIsMeasuredApartFromTheRun()
    {
        Assert.All(new[] { Good, runs.CompileError, runs.Throws, runs.Chart }, r =>
        {
            Assert.True(r.KernelStartup > TimeSpan.Zero);
            Assert.True(r.KernelStartup < r.Elapsed);
        });
    }

    [Fact]
    public async Task AMissingNotebookIsReportedByPath()
    {
        string path = Path.Combine(runs.Workspace.Notebooks, "nope.ipynb");
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new NotebookRunner().RunAsync(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task AFileThatIsNotANotebookIsReportedByPath()
    {
        string path = Path.Combine(runs.Workspace.Root, "broken.ipynb");
        await File.WriteAllTextAsync(path, "{ \"cells\": [ ");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new NotebookRunner().RunAsync(path));
        Assert.Contains(path, error.Message);
    }
}
