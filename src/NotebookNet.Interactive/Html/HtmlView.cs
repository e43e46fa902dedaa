namespace NotebookNet.Interactive;

/// <summary>
/// Base of every picture/table this library shows. It is its own HTML (no external URL, inline CSS), so it renders
/// in a notebook, in an exported HTML file and offline. <see cref="NotebookDisplay"/> registers its HTML formatter.
/// It deliberately does not implement ASP.NET's <c>IHtmlContent</c>: that would make this assembly reference one
/// version of Microsoft.AspNetCore.Html.Abstractions, and every kernel carries a different one (a load failure in
/// dotnet-repl, a CS1701 warning in dotnet-interactive).
/// </summary>
public abstract class HtmlView
{
    /// <summary>The HTML fragment, culture-invariant.</summary>
    public abstract string ToHtml();

    /// <summary>Writes a standalone HTML page (UTF-8) with this view, handy outside notebooks.</summary>
    public void SaveHtml(string path) =>
        File.WriteAllText(path, $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{ToHtml()}\n</body></html>\n");
}
