using System.Text.Json;

namespace NotebookNet.Notebooks.Tests;

/// <summary>What a client wrote into an executed .ipynb: the outputs a reader would see, read from its JSON.</summary>
internal sealed class ExecutedIpynb
{
    private ExecutedIpynb(string path, List<string> problems, int charts, int codeCells, int executed)
    {
        Path = path;
        Problems = problems;
        Charts = charts;
        CodeCells = codeCells;
        ExecutedCells = executed;
    }

    public string Path { get; }

    /// <summary>Every error output and every stderr stream, as "cell N: text".</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>HTML outputs holding a NotebookNet chart container.</summary>
    public int Charts { get; }

    public int CodeCells { get; }

    /// <summary>Code cells with an execution count (non-empty ones only).</summary>
    public int ExecutedCells { get; }

    public static ExecutedIpynb Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var problems = new List<string>();
        int charts = 0, code = 0, executed = 0, number = 0;
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            number++;
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            if (Text(cell.GetProperty("source")).Trim().Length == 0) continue;
            code++;
            if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind == JsonValueKind.Number) executed++;
            if (!cell.TryGetProperty("outputs", out var outputs)) continue;
            foreach (var output in outputs.EnumerateArray())
            {
                string type = output.GetProperty("output_type").GetString() ?? "";
                if (type == "error")
                    problems.Add($"cell {number}: {output.GetProperty("ename").GetString()}: {output.GetProperty("evalue").GetString()}");
                else if (type == "stream" && output.GetProperty("name").GetString() == "stderr")
                    problems.Add($"cell {number}: stderr: {Text(output.GetProperty("text"))}");
                else if (output.TryGetProperty("data", out var data) && data.TryGetProperty("text/html", out var html)
                         && Text(html).Contains("class=\"notebooknet-plotly\"", StringComparison.Ordinal))
                    charts++;
            }
        }
        return new ExecutedIpynb(path, problems, charts, code, executed);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? string.Concat(value.EnumerateArray().Select(v => v.GetString()))
        : value.GetString() ?? "";
}
