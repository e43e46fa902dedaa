using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks;

/// <summary>
/// Makes a cell's HTML output safe to paste into an offline page: drops the document wrapper some formatters emit
/// (XPlot's <c>GetHtml()</c> is a whole page) and every script or stylesheet loaded from another host (XPlot's
/// plotly CDN tag), since the page inlines its own pinned copies.
/// </summary>
internal static partial class OfflineHtml
{
    public static string Clean(string html)
    {
        html = ExternalScript().Replace(html, "");
        html = ExternalLink().Replace(html, "");
        html = DocumentWrapper().Replace(html, "");
        return html.Trim();
    }

    /// <summary>Whether the HTML draws with plotly.js (so the page must carry it).</summary>
    public static bool UsesPlotly(string html) => PlotlyUse().IsMatch(html);

    /// <summary>
    /// Whether the HTML already carries plotly.js inline: the first chart a kernel shows does (the script id
    /// NotebookNet.Interactive's PlotlyLibrary gives it), and the page then needs no second copy.
    /// </summary>
    public static bool CarriesPlotly(string html) => html.Contains("id=\"notebooknet-plotlyjs\"", StringComparison.Ordinal);

    /// <summary>Whether the HTML expects an AMD loader (require.js) to hand it plotly.</summary>
    public static bool UsesRequire(string html) =>
        html.Contains("requirejs", StringComparison.Ordinal) || html.Contains("require(", StringComparison.Ordinal)
        || html.Contains("require.config", StringComparison.Ordinal);

    // A call into plotly's API, XPlot's CDN address, or the container class NotebookNet.Interactive gives its charts;
    // a mere mention (the "XPlot.Plotly, 4.1.0" of a NuGet restore message) does not count.
    [GeneratedRegex(@"\bPlotly\.(?:newPlot|react|plot|purge|relayout|restyle|update|addTraces|extendTraces|animate)\b|cdn\.plot\.ly|notebooknet-plotly")]
    private static partial Regex PlotlyUse();

    [GeneratedRegex(@"<script\b[^>]*\bsrc\s*=\s*[""']?\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^>]*>\s*</script\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalScript();

    [GeneratedRegex(@"<link\b[^>]*\bhref\s*=\s*[""']?\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalLink();

    [GeneratedRegex(@"<!DOCTYPE[^>]*>|</?(?:html|head|body)\b[^>]*>|<meta\b[^>]*>|<title\b[^>]*>.*?</title\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex DocumentWrapper();
}
