using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Every notebook from 03 to 09 ends, just before its links, with a "Prueba esto" cell of at least two exercises,
/// each with its solution in a collapsible block that renders as markdown in Jupyter, VS Code and the exported page.
/// </summary>
public sealed partial class NotebookExerciseTests
{
    public static TheoryData<string> WithExercises() =>
        [.. NotebookSeries.Names.Where(n => string.CompareOrdinal(n, "03") >= 0 && string.CompareOrdinal(n, "10") < 0)];

    [Theory]
    [MemberData(nameof(WithExercises))]
    public void Ends_with_at_least_two_exercises_each_with_a_solution_that_renders(string notebook)
    {
        var cells = NotebookSeries.Cells(notebook);
        Assert.True(cells.Count >= 2 && cells[^2].Kind == "markdown" && Heading().IsMatch(cells[^2].Source),
            $"{notebook}: the cell before the closing links should be the exercises, headed \"## Prueba esto\".");
        string source = cells[^2].Source.Replace("\r", "", StringComparison.Ordinal);
        source = source[Heading().Match(source).Index..];

        // Exercises are numbered at the start of a line ("1. …" or "**1. …**"); each holds its own <details> solution.
        var starts = Exercise().Matches(source).Select(m => m.Index).ToList();
        Assert.True(starts.Count >= 2, $"{notebook}: \"Prueba esto\" holds {starts.Count} numbered exercise(s), at least 2 expected.");
        for (int i = 0; i < starts.Count; i++)
        {
            string exercise = source[starts[i]..(i + 1 < starts.Count ? starts[i + 1] : source.Length)];
            string first = exercise.Split('\n')[0];
            Assert.True(Solution().IsMatch(exercise),
                $"{notebook}, exercise \"{first}\": its solution must be a <details> block opening with " +
                "<summary>Solución</summary> and a blank line, and closing with a blank line before </details>.");
            var details = Solution().Match(exercise);
            Assert.True(details.Groups["body"].Value.Trim().Length > 0, $"{notebook}, exercise \"{first}\": the solution is empty.");
            Assert.True(exercise[..details.Index].Trim().Length >= 60,
                $"{notebook}, exercise \"{first}\": say what to edit and what to look at before the solution.");
        }
    }

    [GeneratedRegex(@"^## Prueba esto\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(\*\*)?\d+\.\s", RegexOptions.Multiline)]
    private static partial Regex Exercise();

    // A blank line after <summary>…</summary> and before </details>: without them Jupyter and our exporter show the
    // solution's markdown as raw text.
    [GeneratedRegex(@"<details>\s*\n\s*<summary>Solución</summary>[ \t]*\n[ \t]*\n(?<body>.*?)\n[ \t]*\n[ \t]*</details>", RegexOptions.Singleline)]
    private static partial Regex Solution();
}
