using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NotebookNet.Interactive.Tests;

public class PlotlyLibraryScriptTests
{
    [Fact]
    public void The_script_is_the_pinned_plotly_in_one_element_with_amd_hidden()
    {
        string script = PlotlyLibrary.Script;
        Assert.StartsWith($"<script type=\"text/javascript\" id=\"{PlotlyLibrary.ScriptId}\">", script);
        Assert.Contains($"plotly.js v{PlotlyHtml.PlotlyVersion}", script);
        Assert.True(script.Length > 1_000_000, $"plotly.js is {script.Length} characters, expected the whole minified bundle");
        Assert.Equal(1, Regex.Count(script, "</script", RegexOptions.IgnoreCase));
        Assert.Contains("(function (define, module, exports) {", script);
        Assert.Empty(Regex.Matches(script, "<script[^>]+src=").Select(m => m.Value));
        Assert.Contains("window.notebookNetPlotlyQueue", script); // draws the charts queued before it
    }

    [Fact]
    public void Outside_a_kernel_every_chart_carries_the_library()
    {
        Assert.Equal(PlotlyLibrary.Script, PlotlyLibrary.ForNextChart());
        Assert.Equal(PlotlyLibrary.Script, PlotlyLibrary.ForNextChart());
    }
}

[Collection(nameof(FormatterState))]
public class PlotlyLibraryKernelTests
{
    [Fact]
    public async Task The_first_chart_of_each_kernel_carries_plotly_and_later_ones_do_not()
    {
        Formatter.ResetToDefault();
        var references = string.Join("\n", new[] { typeof(Charts), typeof(Data.MnistImages), typeof(PlotlyChart), typeof(MathNet.Numerics.Control) }
            .Select(t => $"#r \"{t.Assembly.Location}\""));

        async Task<string[]> ChartsOf(Kernel kernel, params string[] cells)
        {
            var html = new List<string>();
            foreach (var code in cells)
            {
                var result = await kernel.SendAsync(new SubmitCode(code));
                var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
                Assert.True(failure is null, failure?.Message);
                html.AddRange(result.Events.OfType<DisplayEvent>()
                    .Select(e => e.FormattedValues.Single(v => v.MimeType == HtmlFormatter.MimeType).Value));
            }
            return [.. html];
        }

        string[] cells = [references + "\nusing NotebookNet.Interactive;\nCharts.Errors([1.0, 0.5])", "Charts.Errors([0.9, 0.4])", "Charts.Errors([0.8, 0.3])"];
        using (var first = new CSharpKernel().UseKernelHelpers())
        {
            var html = await ChartsOf(first, cells);
            Assert.Equal([true, false, false], html.Select(h => h.Contains(PlotlyLibrary.ScriptId)).ToArray());
            Assert.All(html, h => Assert.Contains(PlotlyHtml.ContainerClass, h));
        }
        using (var second = new CSharpKernel().UseKernelHelpers())
        {
            var html = await ChartsOf(second, cells[0], cells[1]);
            Assert.Equal([true, false], html.Select(h => h.Contains(PlotlyLibrary.ScriptId)).ToArray());
        }
    }
}
