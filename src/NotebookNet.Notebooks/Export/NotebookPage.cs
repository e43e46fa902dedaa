using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookNet.Notebooks;

/// <summary>
/// One executed notebook as a self-contained HTML page: markdown rendered (equations by an inlined KaTeX, pictures
/// as data: URIs), code cells with their outputs, and plotly.js inlined once when a chart needs it. The page fetches
/// nothing from anywhere.
/// </summary>
internal sealed class NotebookPage
{
    private static readonly string[] MimePreference =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "image/gif", "text/markdown", "text/plain"];

    private readonly NotebookRunResult _result;
    private readonly ImageEmbedder _images;
    private readonly string _language;
    private readonly string _notebookLink;

    public NotebookPage(NotebookRunResult result, string language, string notebookLink)
    {
        _result = result;
        _language = language;
        _notebookLink = notebookLink;
        _images = new ImageEmbedder(Path.GetDirectoryName(result.NotebookPath)!);
    }

    /// <summary>Pictures the notebook refers to that do not exist (relative to its folder).</summary>
    public IReadOnlyList<string> MissingImages => _images.Missing;

    public string Render()
    {
        var body = new StringBuilder();
        foreach (var cell in _result.Cells) body.Append(RenderCell(cell));
        string cells = body.ToString();

        bool math = MarkdownHtml.HasMath(cells);
        bool plotly = OfflineHtml.UsesPlotly(cells);

        var page = new StringBuilder(cells.Length + 4096);
        page.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(_language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(_result.Title)).Append("</title>\n")
            .Append("<style>\n").Append(PageStyle.Css).Append("\n</style>\n");
        if (math) page.Append("<style>\n").Append(Assets.KatexStyle).Append("\n</style>\n");
        if (plotly)
        {
            if (!OfflineHtml.CarriesPlotly(cells))
            {
                page.Append("<script>").Append(PageScripts.HideDefine).Append("</script>\n")
                    .Append("<script>\n").Append(Assets.PlotlyScript).Append("\n</script>\n")
                    .Append("<script>").Append(PageScripts.RestoreDefine).Append("</script>\n");
            }
            if (OfflineHtml.UsesRequire(cells)) page.Append("<script>\n").Append(PageScripts.RequireShim).Append("\n</script>\n");
        }
        page.Append("</head>\n<body>\n");
        AppendHeader(page);
        page.Append("<main>\n").Append(cells).Append("</main>\n");
        page.Append("<footer class=\"page\">").Append(RunnerText.Footer).Append("</footer>\n");
        if (math)
        {
            page.Append("<script>\n").Append(Assets.KatexScript).Append("\n</script>\n")
                .Append("<script>\n").Append(PageScripts.RenderMath).Append("\n</script>\n");
        }
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    private void AppendHeader(StringBuilder page)
    {
        string status = _result.Succeeded
            ? $"<span class=\"status-ok\">{RunnerText.Ok}</span>"
            : $"<span class=\"status-failed\">{RunnerText.Failed}</span>";
        page.Append($"<header class=\"page\"><a href=\"index.html\">{RunnerText.Index}</a> · ")
            .Append(Encode(_result.FileName)).Append(" · ").Append(status).Append(" · ")
            .Append(Seconds(_result.Elapsed)).Append(" s · <a href=\"").Append(Encode(_notebookLink)).Append("\">").Append(RunnerText.ExecutedIpynb).Append("</a>")
            .Append("</header>\n");
        if (_result.Failure is { } failure)
        {
            page.Append("<div class=\"page\"><div class=\"failure\"><a href=\"#cell-").Append(failure.CellNumber.ToString(CultureInfo.InvariantCulture))
                .Append("\">").Append(RunnerText.CellFailed(failure.CellNumber)).Append("</a>: ")
                .Append(Encode(failure.ErrorName)).Append(": ").Append(Encode(failure.Message)).Append("</div></div>\n");
        }
    }

    private string RenderCell(CellRun cell)
    {
        string id = "cell-" + cell.Number.ToString(CultureInfo.InvariantCulture);
        switch (cell.Kind)
        {
            case CellKind.Markdown:
                return $"<section class=\"cell markdown\" id=\"{id}\">\n{_images.Embed(MarkdownHtml.ToHtml(cell.Source))}</section>\n";
            case CellKind.Raw:
                return $"<section class=\"cell raw\" id=\"{id}\"><pre>{Encode(cell.Source)}</pre></section>\n";
        }

        var html = new StringBuilder();
        html.Append("<section class=\"cell code").Append(cell.Executed || string.IsNullOrWhiteSpace(cell.Source) ? "" : " not-run")
            .Append("\" id=\"").Append(id).Append("\">\n<div class=\"prompt\">");
        html.Append(cell.ExecutionCount is { } n ? $"[{n.ToString(CultureInfo.InvariantCulture)}]" : "[ ]");
        if (cell.Executed) html.Append(" · ").Append(Seconds(cell.Elapsed)).Append(" s");
        else if (!string.IsNullOrWhiteSpace(cell.Source)) html.Append(" · ").Append(RunnerText.NotRun);
        html.Append("</div>\n<pre class=\"source\"><code class=\"language-").Append(Encode(cell.KernelName)).Append("\">")
            .Append(Encode(cell.Source)).Append("</code></pre>\n");
        if (cell.Outputs.Count > 0)
        {
            html.Append("<div class=\"outputs\">\n");
            foreach (var output in cell.Outputs) html.Append(RenderOutput(output));
            html.Append("</div>\n");
        }
        html.Append("</section>\n");
        return html.ToString();
    }

    private string RenderOutput(CellOutput output)
    {
        switch (output.Kind)
        {
            case OutputKind.StandardOutput:
                return $"<div class=\"output stdout\"><pre>{Encode(output.Text ?? "")}</pre></div>\n";
            case OutputKind.StandardError:
                return $"<div class=\"output stderr\"><pre>{Encode(output.Text ?? "")}</pre></div>\n";
            case OutputKind.Error:
                return $"<div class=\"output error\"><pre>{Encode((output.ErrorName ?? "Error") + ": " + (output.Text ?? ""))}</pre></div>\n";
        }

        string? mime = MimePreference.FirstOrDefault(output.Data.ContainsKey) ?? output.Data.Keys.FirstOrDefault();
        if (mime is null) return "";
        string value = output.Data[mime];
        string inner = mime switch
        {
            "text/html" => _images.Embed(OfflineHtml.Clean(value)),
            "image/svg+xml" => OfflineHtml.Clean(value),
            "image/png" or "image/jpeg" or "image/gif" => $"<img alt=\"output\" src=\"{DataUri.FromBase64(mime, value)}\">",
            "text/markdown" => _images.Embed(MarkdownHtml.ToHtml(value)),
            _ => $"<pre>{Encode(value)}</pre>",
        };
        string kind = output.Kind == OutputKind.ReturnValue ? "result" : "display";
        return $"<div class=\"output {kind}\">{inner}</div>\n";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
