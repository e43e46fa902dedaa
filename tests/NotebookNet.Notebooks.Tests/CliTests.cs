using NotebookNet.Cli;

namespace NotebookNet.Notebooks.Tests;

/// <summary>The <c>notebooks</c> verb: runs the named notebooks, prints the table and the index, exits 1 on a failure.</summary>
[Collection(NotebookCollection.Name)]
public sealed class CliTests(FixtureRuns runs)
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return (NotebooksCommand.Run(args), stdout.ToString(), stderr.ToString()); }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    [Fact]
    public void AFailingNotebookMakesTheVerbExitNonZeroAndNamesTheCell()
    {
        string output = Path.Combine(runs.Workspace.Root, "cli-out");
        var (exit, stdout, _) = Run(runs.Workspace.Notebook("throws.ipynb"), "--out", output);

        Assert.Equal(1, exit);
        Assert.Matches(@"throws\.ipynb\s+2/3\s+\d+\.\d\d\s+\d+\.\d\d\s+FALLÓ EN LA CELDA 2", stdout);
        Assert.Contains("throws.ipynb, celda 2 (throw new InvalidOperationException(\"boom en la celda 2\");): InvalidOperationException: boom en la celda 2", stdout);
        Assert.Contains($"HTML index: {Path.Combine(output, "index.html")}", stdout);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "throws.html")));
        Assert.True(File.Exists(Path.Combine(output, "throws.ipynb")));
    }

    [Fact]
    public void AMissingNotebookIsAUsageError()
    {
        var (exit, _, stderr) = Run(Path.Combine(runs.Workspace.Notebooks, "missing.ipynb"));
        Assert.Equal(2, exit);
        Assert.Contains("no such notebook", stderr);
    }
}
