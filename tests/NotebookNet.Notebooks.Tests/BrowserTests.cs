using System.Text.Json;

namespace NotebookNet.Notebooks.Tests;

/// <summary>Opens exported pages in headless Chromium, offline, and checks what a reader would see.</summary>
[Collection(NotebookCollection.Name)]
public sealed class BrowserTests(FixtureRuns runs)
{
    // Runs after the page's own scripts (it is appended last) and after load, so plotly and KaTeX have drawn.
    private const string CheckScript = """
        window.addEventListener('load', function () {
            setTimeout(function () {
                var images = Array.prototype.slice.call(document.images);
                var resources = performance.getEntriesByType('resource').map(function (r) { return r.name; });
                var report = {
                    images: images.length,
                    brokenImages: images.filter(function (i) { return !(i.complete && i.naturalWidth > 0); })
                                        .map(function (i) { return (i.alt || '') + ' ' + i.src.slice(0, 60); }),
                    plotSvgs: document.querySelectorAll('.main-svg').length,
                    plotlyLoaded: typeof window.Plotly === 'object' || typeof window.Plotly === 'function',
                    mathElements: document.querySelectorAll('.math').length,
                    katex: document.querySelectorAll('.math .katex').length,
                    katexErrors: document.querySelectorAll('.katex-error, .math-error').length,
                    rawDollars: document.body.innerText.indexOf('$$') >= 0,
                    networkResources: resources.filter(function (n) { return /^(https?|wss?):/i.test(n); })
                };
                var pre = document.createElement('pre');
                pre.id = 'nn-check';
                pre.textContent = JSON.stringify(report);
                document.body.appendChild(pre);
            }, 500);
        });
        """;

    private Chromium.PageCheck Open(NotebookRunResult result) =>
        Chromium.Open(runs.Export(result).HtmlPath, CheckScript, runs.Workspace.Root);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "").ToArray();

    [Fact]
    public void TheChartPageDrawsItsPlotlyChartTypesetsEquationsAndShowsPicturesOffline()
    {
        var page = Open(runs.Chart);
        var report = page.Report;

        Assert.True(report.GetProperty("plotlyLoaded").GetBoolean(), "plotly.js did not load from the inlined copy");
        Assert.True(report.GetProperty("plotSvgs").GetInt32() >= 1, "the XPlot chart drew no .main-svg");
        Assert.True(report.GetProperty("images").GetInt32() >= 1);
        Assert.Empty(Strings(report.GetProperty("brokenImages")));
        Assert.True(report.GetProperty("mathElements").GetInt32() >= 1);
        Assert.Equal(report.GetProperty("mathElements").GetInt32(), report.GetProperty("katex").GetInt32());
        Assert.Equal(0, report.GetProperty("katexErrors").GetInt32());
        Assert.False(report.GetProperty("rawDollars").GetBoolean(), "raw $$ left in the page text");
        Assert.Empty(Strings(report.GetProperty("networkResources")));
        Assert.Empty(page.NetworkRequests);
    }

    [Fact]
    public void TheGoodNotebookPageShowsEveryPictureAndEquationOffline()
    {
        var page = Open(runs.Good);
        var report = page.Report;

        Assert.Equal(3, report.GetProperty("images").GetInt32()); // dot.png, shape.svg, the PNG output
        Assert.Empty(Strings(report.GetProperty("brokenImages")));
        Assert.Equal(2, report.GetProperty("mathElements").GetInt32());
        Assert.Equal(2, report.GetProperty("katex").GetInt32());
        Assert.Equal(0, report.GetProperty("katexErrors").GetInt32());
        Assert.False(report.GetProperty("rawDollars").GetBoolean(), "raw $$ left in the page text");
        Assert.Contains("katex-display", page.Dom);
        Assert.Empty(page.NetworkRequests);
    }
}
