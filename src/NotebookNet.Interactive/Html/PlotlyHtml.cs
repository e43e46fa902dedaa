using System.Text;
using XPlot.Plotly;

namespace NotebookNet.Interactive;

/// <summary>
/// The HTML a <see cref="PlotlyChart"/> shows in a notebook: XPlot's own div and plotting script, run at once when
/// <c>window.Plotly</c> exists and otherwise queued until <see cref="PlotlyLibrary"/>'s script (the first chart of the
/// kernel carries it; an exported page may carry it further down) defines it. Nothing is fetched.
/// XPlot's <c>GetHtml()</c> is a whole page with <c>&lt;html&gt;</c> and a synchronous CDN script; pasted into a
/// notebook output that script would load after the plotting code ran, and not at all offline.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The pinned plotly.js version: plotly.js-dist-min in src/NotebookNet.Interactive/assets/package.json (a test checks the embedded banner).</summary>
    public const string PlotlyVersion = "2.35.3";

    /// <summary>Marks each chart's container, so tests and exporters can count charts.</summary>
    public const string ContainerClass = "notebooknet-plotly";

    public static string Fragment(PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = new StringBuilder();
        html.Append($"<div id=\"{chart.Id}\" class=\"{ContainerClass}\" style=\"width: {chart.Width}px; height: {chart.Height}px;\"></div>\n");
        html.Append("<script type=\"text/javascript\">\n");
        html.Append("(function () {\n");
        html.Append("    var render = function () {\n");
        // A title containing "</script>" must not end the script element early.
        html.Append("        ").Append(chart.GetPlottingJS().Trim().Replace("</", "<\\/", StringComparison.Ordinal)).Append('\n');
        html.Append("    };\n");
        html.Append("    var w = window;\n");
        html.Append("    if (typeof w.Plotly !== 'undefined') { render(); return; }\n");
        html.Append("    (w.notebookNetPlotlyQueue = w.notebookNetPlotlyQueue || []).push(render);\n");
        html.Append("})();\n");
        html.Append("</script>");
        return html.ToString();
    }
}
