using NotebookNet.Cli;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// The <c>notebooknet</c> program, run in-process through its real entry point: <c>--help</c> for the tool and each
/// verb runs nothing, an unknown verb or option is a usage error (exit 2) listing the valid ones, a failure is exit 1
/// with a message naming what failed, and the <c>notebooks</c> verb exits 1 when a notebook fails.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class CliTests(FixtureRuns runs)
{
    // Never a data folder: a verb that got past its arguments would fail on it at once instead of training for minutes.
    private const string NoData = "/nonexistent-notebooknet-data";

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try { return ((int)typeof(SeedCommand).Assembly.EntryPoint!.Invoke(null, [args])!, stdout.ToString(), stderr.ToString()); }
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
        var (exit, stdout, _) = Run("notebooks", runs.Workspace.Notebook("throws.ipynb"), "--out", output);

        Assert.Equal(1, exit);
        Assert.Matches(@"throws\.ipynb\s+2/3\s+\d+\.\d\d\s+\d+\.\d\d\s+FALLÓ EN LA CELDA 2", stdout);
        Assert.Contains("throws.ipynb, celda 2 (throw new InvalidOperationException(\"boom en la celda 2\");): InvalidOperationException: boom en la celda 2", stdout);
        Assert.Contains($"Índice HTML: {Path.Combine(output, "index.html")}", stdout);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "throws.html")));
        Assert.True(File.Exists(Path.Combine(output, "throws.ipynb")));
    }

    [Fact]
    public void AMissingNotebookIsAUsageError()
    {
        var (exit, _, stderr) = Run("notebooks", Path.Combine(runs.Workspace.Notebooks, "missing.ipynb"));
        Assert.Equal(2, exit);
        Assert.Contains("no such notebook", stderr);
    }

    [Theory]
    [InlineData("seed", "--learning-rate")]
    [InlineData("train", "--batch-size")]
    [InlineData("evaluate", "MODEL.nnet")]
    [InlineData("images", "--per-digit")]
    [InlineData("notebooks", "--out")]
    public void HelpOfEachVerbListsItsOptionsAndRunsNothing(string verb, string option)
    {
        var (exit, stdout, stderr) = Run(verb, "--help", "--data", NoData);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("Usage:", stdout);
        Assert.Contains(option, stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void HelpOfTheToolListsEveryVerb()
    {
        foreach (var args in new[] { new[] { "--help" }, Array.Empty<string>() })
        {
            var (exit, stdout, _) = Run(args);
            Assert.Equal(0, exit);
            foreach (string verb in new[] { "seed", "train", "evaluate", "images", "notebooks" }) Assert.Contains(verb, stdout);
        }
    }

    [Fact]
    public void AnUnknownOptionIsAUsageErrorListingTheValidOnes()
    {
        var (exit, stdout, stderr) = Run("train", "--modle", "x", "--data", NoData);
        Assert.Equal(2, exit);
        Assert.Contains("--modle", stderr);
        Assert.Contains("--model", stdout + stderr);
        Assert.Contains("--epochs", stdout);
    }

    [Fact]
    public void AnUnknownVerbIsAUsageErrorListingTheVerbs()
    {
        var (exit, stdout, stderr) = Run("trian", "--data", NoData);
        Assert.Equal(2, exit);
        Assert.Contains("trian", stderr);
        Assert.Contains("evaluate", stdout);
    }

    [Fact]
    public void AMalformedValueIsAUsageErrorNamingTheOption()
    {
        var (exit, _, stderr) = Run("seed", "--epochs", "cien", "--data", NoData);
        Assert.Equal(2, exit);
        Assert.Contains("--epochs", stderr);
        Assert.Contains("cien", stderr);
    }

    [Fact]
    public void TrainChecksTheOutputBeforeLoadingOrTraining()
    {
        // A path below a file can be written by nobody, not even root.
        string file = Path.Combine(runs.Workspace.Root, "a-file");
        File.WriteAllText(file, "");
        string output = Path.Combine(file, "model.nnet");
        var (exit, stdout, stderr) = Run("train", "--out", output, "--data", NoData);
        Assert.Equal(1, exit);
        Assert.Contains(output, stderr);
        Assert.DoesNotContain(NoData, stderr);
        Assert.DoesNotContain("epoch", stdout);
    }

    [Fact]
    public void AFailureIsExitOneWithAMessageNotAStackTrace()
    {
        var (exit, _, stderr) = Run("evaluate", Path.Combine(runs.Workspace.Root, "missing.nnet"));
        Assert.Equal(1, exit);
        Assert.Contains("notebooknet evaluate:", stderr);
        Assert.Contains("missing.nnet", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Theory]
    [InlineData("train", "--batch-size", "0")]
    [InlineData("train", "--epochs", "-1")]
    [InlineData("train", "--validation", "1.5")]
    [InlineData("train", "--learning-rate", "NaN")]
    [InlineData("seed", "--learning-rate", "-0.1")]
    [InlineData("seed", "--train", "0")]
    [InlineData("images", "--scale", "0")]
    public void AnOutOfRangeValueIsAUsageErrorNamingTheOptionAndValue(string verb, string option, string value)
    {
        var (exit, _, stderr) = Run(verb, option, value, "--data", NoData);
        Assert.Equal(2, exit);
        Assert.Contains(option, stderr);
        Assert.Contains(value, stderr);
        Assert.DoesNotContain(NoData, stderr);
    }
}
