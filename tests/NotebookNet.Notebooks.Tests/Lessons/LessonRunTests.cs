namespace NotebookNet.Notebooks.Tests;

/// <summary>The lesson runner itself, on a fixture: lesson cells run, other cells do not, failures are named.</summary>
[Collection(NotebookCollection.Name)]
public sealed class LessonRunTests(FixtureRuns runs)
{
    [Fact]
    public async Task Runs_the_setup_and_lesson_cells_only_then_the_check()
    {
        // The fixture's untagged cell throws: reaching the check proves it was left out.
        var values = await LessonRun.RunAsync(runs.Workspace.Notebook("lesson.ipynb"),
            "Console.WriteLine(FormattableString.Invariant($\"twice={Twice(21.5)}\"));");
        Assert.Equal(43.0, values["twice"]);
        Assert.Equal(2, LessonRun.LessonCells(runs.Workspace.Notebook("lesson.ipynb")).Count);
        Assert.Empty(Directory.GetFiles(runs.Workspace.Notebooks, "*.lesson-run.ipynb"));
    }

    [Fact]
    public async Task A_check_that_does_not_compile_fails_with_the_error()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => LessonRun.RunAsync(runs.Workspace.Notebook("lesson.ipynb"), "Thrice(1);"));
        Assert.Contains("Thrice", e.Message);
    }
}
