using System.Text;
using XPlot.Plotly;

namespace NotebookNet.Interactive;

/// <summary>
/// The HTML a <see cref="PlotlyChart"/> shows in a notebook: XPlot's own div and plotting script, wrapped in a
/// loader that uses <c>window.Plotly</c> when the page defines it (an exported page that inlines plotly.js, before
/// the chart or anywhere later in the page) and otherwise loads the pinned plotly.js once, through require.js where
/// the front end has it (classic Jupyter) or a script tag.
/// XPlot's <c>GetHtml()</c> is a whole page with <c>&lt;html&gt;</c> and a synchronous CDN script; pasted into a
/// notebook output that script would load after the plotting code ran.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The one external URL in a chart's HTML; an offline exporter replaces or ignores it.</summary>
    public const string PlotlyCdnUrl = "https://cdn.plot.ly/plotly-2.35.3.min.js";

    /// <summary>The pinned plotly.js version (the npm package plotly.js-dist-min of the same version is identical).</summary>
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
        html.Append("    if (w.notebookNetPlotlyQueue) { w.notebookNetPlotlyQueue.push(render); return; }\n");
        html.Append("    w.notebookNetPlotlyQueue = [render];\n");
        html.Append("    var flush = function () { var q = w.notebookNetPlotlyQueue || []; w.notebookNetPlotlyQueue = null; q.forEach(function (f) { f(); }); };\n");
        html.Append("    var load = function () {\n");
        html.Append($"        var src = '{PlotlyCdnUrl}';\n");
        html.Append("        if (typeof w.requirejs === 'function') {\n");
        html.Append("            w.requirejs.config({ paths: { plotly: src.replace(/\\.js$/, '') } });\n");
        html.Append("            w.requirejs(['plotly'], function (plotly) { w.Plotly = plotly; flush(); });\n");
        html.Append("            return;\n");
        html.Append("        }\n");
        html.Append("        var script = document.createElement('script');\n");
        html.Append("        script.src = src;\n");
        html.Append("        script.onload = flush;\n");
        html.Append("        script.onerror = function () { w.notebookNetPlotlyQueue = null; };\n");
        html.Append("        document.head.appendChild(script);\n");
        html.Append("    };\n");
        // A page still being parsed (an exported notebook) may define Plotly further down: look again before fetching.
        html.Append("    if (document.readyState === 'loading') {\n");
        html.Append("        document.addEventListener('DOMContentLoaded', function () { if (typeof w.Plotly !== 'undefined') flush(); else load(); });\n");
        html.Append("    } else load();\n");
        html.Append("})();\n");
        html.Append("</script>");
        return html.ToString();
    }
}
