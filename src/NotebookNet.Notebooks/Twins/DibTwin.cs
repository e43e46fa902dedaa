using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookNet.Notebooks;

/// <summary>
/// A notebook as a Polyglot <c>.dib</c> file (cells as <c>#!csharp</c> / <c>#!markdown</c> sections), written by
/// Microsoft.DotNet.Interactive.Documents from the <c>.ipynb</c>, which stays the one source.
/// </summary>
public static class DibTwin
{
    /// <summary>The kernels the series uses: C# code cells, markdown prose.</summary>
    internal static KernelInfoCollection Kernels()
    {
        var kernels = new KernelInfoCollection { new KernelInfo("csharp", "C#", ["c#", "C#"]), new KernelInfo("markdown", "Markdown", ["md"]) };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    /// <summary>Reads a <c>.ipynb</c>; the exception names the file when it is not a notebook.</summary>
    internal static InteractiveDocument Read(string ipynbPath)
    {
        try
        {
            return Notebook.Parse(File.ReadAllText(ipynbPath), Kernels());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{ipynbPath}: not a Jupyter notebook: {e.Message}", e);
        }
    }

    /// <summary>The <c>.dib</c> text of the notebook at <paramref name="ipynbPath"/> (LF line ends).</summary>
    public static string FromNotebook(string ipynbPath)
    {
        var document = Read(ipynbPath);
        foreach (var element in document.Elements) element.Outputs.Clear(); // the twins, like the notebooks, carry no outputs
        using var stream = new MemoryStream();
        CodeSubmission.Write(document, stream, Kernels(), "\n");
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
