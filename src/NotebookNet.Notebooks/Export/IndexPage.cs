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
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(RunnerText.Notebooks).Append("</title>\n")
            .Append("<style>\n").Append(PageStyle.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<header class=\"page\">").Append(RunnerText.ExecutedNotebooks).Append("</header>\n<main>\n<h1>").Append(RunnerText.Notebooks).Append("</h1>\n")
            .Append("<table class=\"index\">\n<thead><tr><th class=\"num\">#</th>")
            .Append("<th>").Append(RunnerText.Title(RunnerText.Notebook)).Append("</th><th>").Append(RunnerText.Title(RunnerText.File)).Append("</th>")
            .Append("<th class=\"num\">").Append(RunnerText.Title(RunnerText.Cells)).Append("</th><th class=\"num\">").Append(RunnerText.Title(RunnerText.Seconds))
            .Append("</th><th>").Append(RunnerText.Title(RunnerText.Status)).Append("</th></tr></thead>\n<tbody>\n");
        int row = 0;
        foreach (var notebook in notebooks)
        {
            var result = notebook.Result;
            string htmlName = Path.GetFileName(notebook.HtmlPath), ipynbName = Path.GetFileName(notebook.NotebookPath);
            string status = result.Failure is { } f
                ? $"<span class=\"status-failed\"><a href=\"{Encode(htmlName)}#cell-{f.CellNumber.ToString(CultureInfo.InvariantCulture)}\">{RunnerText.FailedAtCell(f.CellNumber)}</a></span>: {Encode(f.ErrorName)}"
                : $"<span class=\"status-ok\">{RunnerText.Ok}</span>";
            html.Append("<tr><td class=\"num\">").Append((++row).ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td><a href=\"").Append(Encode(htmlName)).Append("\">").Append(Encode(result.Title)).Append("</a></td>")
                .Append("<td><a href=\"").Append(Encode(ipynbName)).Append("\">").Append(Encode(result.FileName)).Append("</a></td>")
                .Append("<td class=\"num\">").Append(result.ExecutedCells.ToString(CultureInfo.InvariantCulture)).Append('/')
                .Append(result.Cells.Count(c => c.Kind == CellKind.Code).ToString(CultureInfo.InvariantCulture)).Append("</td>")
                .Append("<td class=\"num\">").Append(NotebookPage.Seconds(result.Elapsed)).Append("</td>")
                .Append("<td>").Append(status).Append("</td></tr>\n");
        }
        var total = TimeSpan.FromTicks(notebooks.Sum(n => n.Result.Elapsed.Ticks));
        html.Append("</tbody>\n<tfoot><tr><td></td><td>").Append(RunnerText.Title(RunnerText.Total)).Append("</td><td></td><td></td><td class=\"num\">").Append(NotebookPage.Seconds(total))
            .Append("</td><td>").Append(RunnerText.OkOf(notebooks.Count(n => n.Result.Succeeded), notebooks.Count)).Append("</td></tr></tfoot>\n</table>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
