using System.Text.RegularExpressions;

namespace NotebookNet.Interactive.Tests;

public class ChartTests
{
    [Fact]
    public void Error_chart_holds_the_points_with_invariant_decimals()
    {
        using var _ = Culture.Spanish();
        var chart = Charts.Errors([0.8727098636309831, 0.25, 1234.5]);
        string html = PlotlyHtml.Fragment(chart);

        Assert.Contains("\"x\":[1,2,3]", html);
        Assert.Contains("\"y\":[0.8727098636309831,0.25,1234.5]", html);
        Assert.DoesNotContain("0,25", html);
        Assert.Contains("Error de entrenamiento por época", html);
        Assert.Contains("\"xaxis\":{\"title\":\"Época\"", html);
        Assert.Contains("\"yaxis\":{\"title\":\"Error\"", html);
        Assert.Contains($"id=\"{chart.Id}\"", html);
        Assert.Contains($"Plotly.newPlot('{chart.Id}'", html);
    }

    [Fact]
    public void Lines_chart_has_one_trace_per_series_and_a_legend()
    {
        using var _ = Culture.Spanish();
        var chart = Charts.Lines("Pérdida", "época", "valor", ("entrenamiento", [0.5, 0.4]), ("validación", [0.6, 0.55, 0.5]));
        string html = PlotlyHtml.Fragment(chart);
        Assert.Equal(2, Regex.Count(html, "\"type\":\"scatter\""));
        Assert.Contains("\"name\":\"validación\"", html);
        Assert.Contains("\"y\":[0.6,0.55,0.5]", html);
        Assert.Contains("\"showlegend\":true", html);
        Assert.Throws<ArgumentException>(() => Charts.Lines("t", "x", "y"));
    }

    [Fact]
    public void Chart_html_fetches_nothing_and_has_no_page_wrapper()
    {
        string html = PlotlyHtml.Fragment(Charts.Errors([1.0]));
        Assert.Empty(Regex.Matches(html, "https?://[^'\"\\s]+").Select(m => m.Value));
        Assert.DoesNotContain("<html", html);
        Assert.DoesNotContain("<script src", html);
        Assert.Contains("typeof w.Plotly !== 'undefined'", html);
    }

    [Fact]
    public void A_title_cannot_close_the_script_early()
    {
        string html = PlotlyHtml.Fragment(Charts.Errors([1.0], "</script><b>x</b>"));
        Assert.Equal(1, Regex.Count(html, "</script>"));
    }
}
