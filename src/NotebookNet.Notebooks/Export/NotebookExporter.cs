using System.Text;

namespace NotebookNet.Notebooks;

/// <summary>
/// Writes executed notebooks into one folder: <c>NAME.ipynb</c> (nbformat 4 with outputs), <c>NAME.html</c>
/// (self-contained page) per notebook, and <c>index.html</c> linking them.
/// </summary>
public sealed class NotebookExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public NotebookExporter(string outputDirectory, string language = "es")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Language = language;
    }

    public string OutputDirectory { get; }

    /// <summary>The <c>lang</c> of the pages (the notebooks' prose language).</summary>
    public string Language { get; }

    public string IndexPath => Path.Combine(OutputDirectory, "index.html");

    /// <summary>Writes one notebook's executed .ipynb and HTML page.</summary>
    public ExportedNotebook Export(NotebookRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(OutputDirectory);
        string stem = Path.GetFileNameWithoutExtension(result.FileName);
        string ipynb = Path.Combine(OutputDirectory, stem + ".ipynb");
        string html = Path.Combine(OutputDirectory, stem + ".html");
        if (string.Equals(ipynb, result.NotebookPath, StringComparison.Ordinal))
            throw new InvalidOperationException($"The export folder {OutputDirectory} holds the notebook {result.FileName} itself; choose another folder.");

        File.WriteAllText(ipynb, ExecutedNotebook.ToJson(result), Utf8);
        var page = new NotebookPage(result, Language, Path.GetFileName(ipynb));
        File.WriteAllText(html, page.Render(), Utf8);
        var warnings = page.MissingImages.Distinct().Select(p => $"{result.FileName}: picture not found: {p}").ToList();
        return new ExportedNotebook(result, html, ipynb, warnings);
    }

    /// <summary>Writes every notebook and the index; returns the exports in the given order.</summary>
    public IReadOnlyList<ExportedNotebook> ExportAll(IEnumerable<NotebookRunResult> results)
    {
        var exported = results.Select(Export).ToList();
        WriteIndex(exported);
        return exported;
    }

    public string WriteIndex(IReadOnlyList<ExportedNotebook> exported)
    {
        Directory.CreateDirectory(OutputDirectory);
        File.WriteAllText(IndexPath, IndexPage.Render(exported, Language), Utf8);
        return IndexPath;
    }
}
