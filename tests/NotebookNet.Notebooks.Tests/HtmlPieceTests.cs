namespace NotebookNet.Notebooks.Tests;

public sealed class HtmlPieceTests
{
    [Fact]
    public void XPlotsWholePageBecomesAFragmentWithoutItsCdnScript()
    {
        const string page = """
            <!DOCTYPE html>
            <html>
                <head>
                    <meta charset="UTF-8" />
                    <script src="https://cdn.plot.ly/plotly-latest.min.js"></script>
                </head>
                <body>
                    <div id="c1" style="width: 900px; height: 500px;"></div>
                    <script>Plotly.newPlot('c1', [], "");</script>
                </body>
            </html>
            """;
        string clean = OfflineHtml.Clean(page);
        Assert.DoesNotContain("cdn.plot.ly", clean);
        Assert.DoesNotContain("<html", clean);
        Assert.DoesNotContain("<body", clean);
        Assert.StartsWith("<div id=\"c1\"", clean);
        Assert.Contains("<script>Plotly.newPlot('c1', [], \"\");</script>", clean);
        Assert.True(OfflineHtml.UsesPlotly(clean));
    }

    [Fact]
    public void AMentionOfThePackageIsNotAChart() =>
        Assert.False(OfflineHtml.UsesPlotly("<li><span>XPlot.Plotly, 4.1.0</span></li>"));

    [Fact]
    public void DollarDollarMathInsideAParagraphIsShownAsADisplayEquation()
    {
        string html = MarkdownHtml.ToHtml("a $$x^2$$ b and $y$");
        Assert.Contains("class=\"math math-display\"", html);
        Assert.Contains("<span class=\"math\">\\(y\\)</span>", html);
        Assert.True(MarkdownHtml.HasMath(html));
        Assert.False(MarkdownHtml.HasMath(MarkdownHtml.ToHtml("no math, $5 only")));
    }

    [Fact]
    public void RelativePicturesBecomeDataUrisAndMissingOnesAreReported()
    {
        string dir = Path.Combine(Path.GetTempPath(), "notebooknet-img-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(dir, "img"));
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "img", "a b.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray());
            var embedder = new ImageEmbedder(dir);
            string html = embedder.Embed("<img alt=\"x\" src=\"img/a%20b.svg\"><img src='https://example.org/a.png'><img src=\"img/missing.png\">");
            Assert.Contains("<img alt=\"x\" src=\"data:image/svg+xml;base64,", html);
            Assert.Contains("src='https://example.org/a.png'", html);
            Assert.Equal(["img/missing.png"], embedder.Missing);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
