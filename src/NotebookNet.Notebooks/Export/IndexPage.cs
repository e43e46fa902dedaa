using System.Globalization;
using System.Net;
using System.Text;

namespace NotebookNet.Notebooks;

/// <summary>The index of an export: one row per notebook (title, file, cells run, seconds, status), linking each page.</summary>
internal static class IndexPage
{
    public static string Render(IReadOnlyList<ExportedNotebook> notebooks, string language)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Notebooks</title>\n")
            .Append("<style>\n").Append(PageStyle.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header class=\"page\">Executed notebooks</header>\n<main>\n<h1>Notebooks</h1>\n")
            .Append("<table class=\"index\">\n<thead><tr><th class=\"num\">#</th><th>Notebook</th><th>File</th>")
            .Append("<th class=\"num\">Cells</th><th class=\"num\">Seconds</th><th>Status</th></tr></thead>\n<tbody>\n");
        int row = 0;
        foreach (var notebook in notebooks)
        {
            var result = notebook.Result;
            string htmlName = Path.GetFileName(notebook.HtmlPath), ipynbName = Path.GetFileName(notebook.NotebookPath);
            string status = result.Failure is { } f
                ? $"<span class=\"status-failed\">failed</span> at <a href=\"{Encode(htmlName)}#cell-{f.CellNumber.ToString(CultureInfo.InvariantCulture)}\">cell {f.CellNumber.ToString(CultureInfo.InvariantCulture)}</a>: {Encode(f.ErrorName)}"
                : "<span class=\"status-ok\">ok</span>";
            html.Append("<tr><td class=\"num\">").Append((++row).ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td><a href=\"").Append(Encode(htmlName)).Append("\">").Append(Encode(result.Title)).Append("</a></td>")
                .Append("<td><a href=\"").Append(Encode(ipynbName)).Append("\">").Append(Encode(result.FileName)).Append("</a></td>")
                .Append("<td class=\"num\">").Append(result.ExecutedCells.ToString(CultureInfo.InvariantCulture)).Append('/')
                .Append(result.Cells.Count(c => c.Kind == CellKind.Code).ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"num\">").Append(NotebookPage.Seconds(result.Elapsed)).Append("</td>")
                .Append("<td>").Append(status).Append("</td></tr>\n");
        }
        var total = TimeSpan.FromTicks(notebooks.Sum(n => n.Result.Elapsed.Ticks));
        html.Append("</tbody>\n<tfoot><tr><td></td><td>Total</td><td></td><td></td><td class=\"num\">").Append(NotebookPage.Seconds(total))
            .Append("</td><td>").Append(notebooks.Count(n => n.Result.Succeeded).ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(notebooks.Count.ToString(CultureInfo.InvariantCulture)).Append(" ok</td></tr></tfoot>\n</table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
