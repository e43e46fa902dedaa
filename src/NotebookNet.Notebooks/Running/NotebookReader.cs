using System.Text.Json;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookNet.Notebooks;

/// <summary>Reads a Polyglot/Jupyter <c>.ipynb</c> into cells, failing with a message that names the file.</summary>
internal static class NotebookReader
{
    public static (string Json, InteractiveDocument Document, List<CellRun> Cells) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook not found: {path}", path);
        string json = File.ReadAllText(path);
        InteractiveDocument document;
        try
        {
            using (JsonDocument.Parse(json)) { }
            document = Notebook.Parse(json, KernelInfos());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: not a readable .ipynb notebook ({e.Message})", e);
        }

        var cells = new List<CellRun>(document.Elements.Count);
        foreach (var element in document.Elements)
        {
            string kernel = element.KernelName ?? KernelFactory.CSharp;
            var kind = kernel switch
            {
                "markdown" => CellKind.Markdown,
                "raw" => CellKind.Raw,
                _ => CellKind.Code,
            };
            cells.Add(new CellRun(cells.Count + 1, kind, kernel, (element.Contents ?? "").Replace("\r\n", "\n")));
        }
        return (json, document, cells);
    }

    private static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new KernelInfo(KernelFactory.CSharp, "C#", ["c#", "C#", "cs"]),
            new KernelInfo("markdown", "Markdown", ["md"]),
        };
        infos.DefaultKernelName = KernelFactory.CSharp;
        return infos;
    }
}
