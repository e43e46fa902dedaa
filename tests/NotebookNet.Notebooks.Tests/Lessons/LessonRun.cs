using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Holds a notebook's own code against the library: runs the notebook's first code cell (its <c>#r</c> references and
/// usings) and every code cell tagged <c>lesson</c> (Jupyter's <c>metadata.tags</c>), exactly as the student has them,
/// in a fresh kernel, then a check written by the test, and returns the <c>name=value</c> lines the check printed.
/// </summary>
/// <remarks>
/// The cells run from a temporary copy beside the notebook (same folder, so its relative <c>#r</c> paths resolve),
/// deleted afterwards. Values are parsed invariant; a failed cell fails the test with the cell and its error.
/// </remarks>
internal static class LessonRun
{
    public const string Tag = "lesson";

    private static readonly Regex NameValue = new(@"^(?<name>[A-Za-z][\w.]*)=(?<value>\S+)$", RegexOptions.Multiline);

    /// <summary>The lesson cells of a notebook of the series, in order.</summary>
    public static IReadOnlyList<string> LessonCells(string notebookPath) =>
        [.. Cells(JsonNode.Parse(File.ReadAllText(notebookPath))!).Where(IsLesson).Select(Source)];

    /// <summary>Runs setup + lesson cells of <paramref name="notebook"/> (a name in <c>notebooks/</c>, or a path), then <paramref name="check"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string notebook, string check)
    {
        string path = File.Exists(notebook) ? Path.GetFullPath(notebook) : Path.Combine(NotebookSeries.Folder(), notebook);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var cells = Cells(json).ToList();
        var firstCode = cells.First(c => (string?)c["cell_type"] == "code");
        var lessons = cells.Where(IsLesson).ToList();
        Assert.True(lessons.Count > 0, $"{Path.GetFileName(path)} has no code cell tagged \"{Tag}\".");

        var kept = new JsonArray();
        foreach (var cell in cells.Where(c => c == firstCode || IsLesson(c))) kept.Add(cell.DeepClone());
        var checkCell = firstCode.DeepClone();
        checkCell["source"] = check;
        checkCell["metadata"]!.AsObject().Remove("tags");
        kept.Add(checkCell);
        json["cells"] = kept;

        string copy = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileNameWithoutExtension(path)}.{Guid.NewGuid():N}.lesson-run.ipynb");
        await File.WriteAllTextAsync(copy, json.ToJsonString());
        try
        {
            var result = await new NotebookRunner().RunAsync(copy);
            Assert.True(result.Succeeded, $"{Path.GetFileName(path)}, lesson cells: {result.Failure}");
            var values = new Dictionary<string, double>();
            foreach (var output in result.Cells[^1].Outputs.Where(o => o.Kind == OutputKind.StandardOutput))
                foreach (Match m in NameValue.Matches((output.Text ?? "").Replace("\r", "", StringComparison.Ordinal)))
                    values[m.Groups["name"].Value] = double.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            return values;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static IEnumerable<JsonNode> Cells(JsonNode notebook) => notebook["cells"]!.AsArray().Select(c => c!);

    private static bool IsLesson(JsonNode cell) =>
        (string?)cell["cell_type"] == "code" &&
        cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => (string?)t == Tag);

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };
}
