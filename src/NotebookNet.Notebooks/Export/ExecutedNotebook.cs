using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookNet.Notebooks;

/// <summary>
/// The executed notebook as nbformat 4 JSON that Jupyter and Polyglot open: the cells with their outputs, the
/// original notebook metadata and cell ids kept, an id on every cell (nbformat 4.5), null execution counts for cells
/// that did not run.
/// </summary>
internal static class ExecutedNotebook
{
    // Notebook.ToJupyterJson casts these parsed entries to its own types and throws on them; they are put back from
    // the source JSON afterwards, unchanged.
    private static readonly string[] WriterUnsafeMetadata = ["kernelspec", "language_info", "polyglot_notebook"];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(NotebookRunResult result)
    {
        var metadata = result.Document.Metadata;
        var removed = WriterUnsafeMetadata.Where(metadata.ContainsKey).ToDictionary(k => k, k => metadata[k]);
        foreach (string key in removed.Keys) metadata.Remove(key);
        string written;
        try { written = Notebook.ToJupyterJson(result.Document, "C#"); }
        finally { foreach (var (key, value) in removed) metadata[key] = value; }

        var notebook = JsonNode.Parse(written)!.AsObject();
        var source = JsonNode.Parse(result.SourceJson) as JsonObject;
        if (source?["metadata"] is JsonObject sourceMetadata) notebook["metadata"] = sourceMetadata.DeepClone();

        var cells = notebook["cells"] as JsonArray ?? [];
        var sourceCells = source?["cells"] as JsonArray;
        bool sameCells = sourceCells is not null && sourceCells.Count == cells.Count;
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            var original = sameCells ? sourceCells![i] as JsonObject : null;
            string id = original?["id"] is JsonValue v && v.TryGetValue(out string? s) && IsValidId(s) && used.Add(s) ? s : NewId(i, used);
            var rebuilt = new JsonObject { ["id"] = id };
            foreach (var (key, value) in cell.ToList())
            {
                cell.Remove(key);
                rebuilt[key] = value;
            }
            if (original?["attachments"] is JsonObject attachments) rebuilt["attachments"] = attachments.DeepClone();
            if ((string?)rebuilt["cell_type"] == "code" && i < result.Cells.Count && result.Cells[i].ExecutionCount is null)
                rebuilt["execution_count"] = null;
            cells[i] = rebuilt;
        }

        int minor = source?["nbformat_minor"] is JsonValue m && m.TryGetValue(out int sm) ? sm : 0;
        notebook["nbformat"] = 4;
        notebook["nbformat_minor"] = Math.Max(5, minor);
        return notebook.ToJsonString(Json) + "\n";
    }

    private static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string NewId(int index, HashSet<string> used)
    {
        string id = $"cell-{index + 1}";
        for (int n = 2; !used.Add(id); n++) id = $"cell-{index + 1}-{n}";
        return id;
    }
}
