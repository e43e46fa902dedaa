using System.Text.Json.Nodes;

namespace NotebookNet.Notebooks.Tests;

/// <summary>Writes small Polyglot-style notebooks for tests that need one beyond the fixtures.</summary>
internal static class NotebookJson
{
    public static string Write(string path, params string[] codeCells)
    {
        var cells = new JsonArray();
        foreach (string code in codeCells)
        {
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = code,
            });
        }
        var notebook = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
