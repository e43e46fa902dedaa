namespace NotebookNet.Notebooks.Tests;

/// <summary>Opens a page in headless Chromium with no network and counts NotebookNet charts and the ones plotly drew.</summary>
internal static class ChartCheck
{
    private const string Script = """
        window.addEventListener('load', function () {
            setTimeout(function () {
                var charts = Array.prototype.slice.call(document.querySelectorAll('.notebooknet-plotly'));
                var report = {
                    charts: charts.length,
                    drawn: charts.filter(function (c) { return c.querySelector('.main-svg') !== null; }).length,
                    undrawn: charts.filter(function (c) { return c.querySelector('.main-svg') === null; }).map(function (c) { return c.id; }),
                    plotly: typeof window.Plotly
                };
                var pre = document.createElement('pre');
                pre.id = 'nn-check';
                pre.textContent = JSON.stringify(report);
                document.body.appendChild(pre);
            }, 500);
        });
        """;

    public sealed record Drawn(int Charts, int DrawnCharts, string Undrawn, string PlotlyType, IReadOnlyList<string> NetworkRequests);

    public static Drawn Open(string htmlPath, string workDirectory)
    {
        var page = Chromium.Open(htmlPath, Script, workDirectory);
        var report = page.Report;
        return new Drawn(report.GetProperty("charts").GetInt32(), report.GetProperty("drawn").GetInt32(),
            string.Join(", ", report.GetProperty("undrawn").EnumerateArray().Select(e => e.GetString())),
            report.GetProperty("plotly").GetString() ?? "", page.NetworkRequests);
    }
}
