using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace NotebookNet.Interactive;

/// <summary>
/// Base of every picture/table this library shows. It is its own HTML (no external URL, inline CSS), so it renders
/// in a notebook, in an exported HTML file and offline. It is also <see cref="IHtmlContent"/>, which .NET Interactive
/// formats as HTML even if <see cref="NotebookDisplay.Register"/> has not run.
/// </summary>
public abstract class HtmlView : IHtmlContent
{
    /// <summary>The HTML fragment, culture-invariant.</summary>
    public abstract string ToHtml();

    void IHtmlContent.WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(ToHtml());

    /// <summary>Writes a standalone HTML page (UTF-8) with this view, handy outside notebooks.</summary>
    public void SaveHtml(string path) =>
        File.WriteAllText(path, $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{ToHtml()}\n</body></html>\n");
}
