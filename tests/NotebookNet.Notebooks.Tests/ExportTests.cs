using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks.Tests;

[Collection(NotebookCollection.Name)]
public sealed class ExportTests(FixtureRuns runs)
{
    private static JsonObject ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    [Fact]
    public void TheExecutedNotebookIsNbformat4WithOutputsMetadataAndCellIds()
    {
        var notebook = ReadJson(runs.Export(runs.Good).NotebookPath);
        Assert.Equal(4, (int)notebook["nbformat"]!);
        Assert.True((int)notebook["nbformat_minor"]! >= 5);
        Assert.Equal(".net-csharp", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);

        var cells = notebook["cells"]!.AsArray();
        Assert.Equal(["intro", "reference", "console", "display", "png", "live", "middle", "result"],
            cells.Select(c => (string?)c!["id"]));
        foreach (var cell in cells.Select(c => c!.AsObject()))
        {
            Assert.NotNull(cell["metadata"]);
            Assert.NotNull(cell["source"]);
            if ((string?)cell["cell_type"] == "code")
            {
                Assert.NotNull(cell["outputs"]);
                Assert.True(cell["execution_count"] is JsonValue);
            }
        }

        var console = cells[2]!["outputs"]!.AsArray();
        Assert.Equal("stream", (string?)console[0]!["output_type"]);
        Assert.Equal("stdout", (string?)console[0]!["name"]);
        Assert.Equal("hola\n1.5\n", string.Concat(console[0]!["text"]!.AsArray().Select(t => (string?)t)));
        Assert.Equal("stderr", (string?)console[1]!["name"]);

        var png = cells[4]!["outputs"]![0]!;
        Assert.Equal("display_data", (string?)png["output_type"]);
        Assert.NotNull(png["data"]!["image/png"]);

        var live = Assert.Single(cells[5]!["outputs"]!.AsArray());
        Assert.Contains("paso 3", live!["data"]!["text/html"]!.ToJsonString());

        var result = cells[7]!["outputs"]![0]!;
        Assert.Equal("execute_result", (string?)result["output_type"]);
        Assert.Equal(6, (int)result["execution_count"]!);
    }

    [Fact]
    public void AFailedNotebookIsWrittenWithItsErrorAndUnrunCellsHaveNoExecutionCount()
    {
        var cells = ReadJson(runs.Export(runs.CompileError).NotebookPath)["cells"]!.AsArray();
        var error = cells[2]!["outputs"]!.AsArray().Last()!;
        Assert.Equal("error", (string?)error["output_type"]);
        Assert.Equal("CompilationError", (string?)error["ename"]);
        Assert.Contains("CS0029", (string?)error["evalue"]);
        Assert.NotNull(error["traceback"]!.AsArray());
        Assert.Null(cells[3]!["execution_count"]);
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
    }

    [Fact]
    public void PagesAreSelfContained()
    {
        foreach (var exported in runs.Exported)
        {
            string html = File.ReadAllText(exported.HtmlPath);
            Assert.DoesNotMatch(new Regex(@"<script\b[^>]*\bsrc\s*=", RegexOptions.IgnoreCase), html);
            Assert.DoesNotMatch(new Regex(@"<link\b[^>]*\bhref\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase), html);
            foreach (Match img in Regex.Matches(WithoutScripts(html), @"<img\b[^>]*\bsrc\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase))
                Assert.StartsWith("data:image/", img.Groups[1].Value);
            Assert.DoesNotMatch(new Regex(@"url\(\s*['""]?(?!data:)", RegexOptions.IgnoreCase), StylesOf(html));
            Assert.Empty(exported.Warnings);
        }
    }

    [Fact]
    public void MarkdownPicturesOfEveryFormatAreEmbedded()
    {
        string html = File.ReadAllText(runs.Export(runs.Good).HtmlPath);
        Assert.Contains("alt=\"punto rojo\"", html);
        Assert.Contains("src=\"data:image/png;base64,", html);
        Assert.Contains("src=\"data:image/svg+xml;base64,", html);
    }

    [Fact]
    public void EquationsGetAnInlinedKatexAndChartsAnInlinedPlotlyOnlyWhereNeeded()
    {
        string good = File.ReadAllText(runs.Export(runs.Good).HtmlPath);
        string chart = File.ReadAllText(runs.Export(runs.Chart).HtmlPath);
        string throws = File.ReadAllText(runs.Export(runs.Throws).HtmlPath);

        Assert.Contains("class=\"math", good);
        Assert.Contains("katex.render(", good);
        Assert.Contains("font/woff2;base64,", good);
        Assert.DoesNotContain("katex.render(", throws);

        const string plotlyBanner = "plotly.js v2.35.3";
        Assert.Single(Regex.Matches(chart, Regex.Escape(plotlyBanner)));
        Assert.DoesNotContain(plotlyBanner, good);
        Assert.DoesNotContain("plotly-latest.min.js", chart); // XPlot's CDN <script src>, stripped
        Assert.DoesNotContain("<!DOCTYPE html>", chart[20..]);
    }

    [Fact]
    public void PagesShowFailuresAndTimesCultureInvariant()
    {
        string html = File.ReadAllText(runs.Export(runs.CompileError).HtmlPath);
        Assert.Contains("status-failed", html);
        Assert.Contains("href=\"#cell-3\"", html);
        Assert.Contains("CS0029", html);
        Assert.Matches(@"\[1\] · \d+\.\d s", html);
        Assert.Contains("no ejecutada", html);
    }

    [Fact]
    public void TheIndexLinksEveryNotebookWithCellsSecondsAndStatus()
    {
        string index = File.ReadAllText(runs.Exporter.IndexPath);
        foreach (string name in new[] { "good", "compile-error", "throws", "chart" })
        {
            Assert.Contains($"href=\"{name}.html\"", index);
            Assert.Contains($"href=\"{name}.ipynb\"", index);
        }
        Assert.Contains(">Cuaderno de prueba</a>", index);
        Assert.Contains("<td class=\"num\">6/6</td>", index);
        Assert.Contains("href=\"compile-error.html#cell-3\">falló en la celda 3</a>", index);
        Assert.Contains("2 de 4 correctos", index);
    }

    [Fact]
    public void TheSummaryTableIsCultureInvariant()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            string table = RunSummary.Table([runs.Good, runs.CompileError]);
            Assert.Matches(@"good\.ipynb\s+6/6\s+\d+\.\d\d\s+\d+\.\d\d\s+correcto", table);
            Assert.Contains("FALLÓ EN LA CELDA 3", table);
            Assert.Contains("compile-error.ipynb, celda 3", table);
            Assert.DoesNotMatch(@"\d,\d\d", table);
        }
        finally { CultureInfo.CurrentCulture = before; }
    }

    private static string WithoutScripts(string html) =>
        Regex.Replace(html, @"<script\b[^>]*>.*?</script>", "", RegexOptions.Singleline | RegexOptions.IgnoreCase);

    private static string StylesOf(string html) =>
        string.Concat(Regex.Matches(html, @"<style>(.*?)</style>", RegexOptions.Singleline).Select(m => m.Groups[1].Value));
}
