using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NotebookNet.Interactive.Tests;

/// <summary>Formatter state is process-wide, so these run one at a time.</summary>
[CollectionDefinition(nameof(FormatterState), DisableParallelization = true)]
public sealed class FormatterState;

[Collection(nameof(FormatterState))]
public class FormatterTests
{
    [Fact]
    public void Views_and_charts_format_as_html_and_registration_survives_a_reset()
    {
        Formatter.ResetToDefault();
        var grid = Digits.Grid(new Data.MnistImages(1, 2, 2, new byte[4]), [0]);
        // A reset drops our formatters (a view is not IHtmlContent, see HtmlView); registering brings them back, once.
        Assert.NotEqual(grid.ToHtml(), grid.ToDisplayString(HtmlFormatter.MimeType));
        NotebookDisplay.Register();
        NotebookDisplay.Register();
        Assert.Equal(grid.ToHtml(), grid.ToDisplayString(HtmlFormatter.MimeType));
        var ours = Formatter.RegisteredFormatters(false).Count(f => f.Type == typeof(PlotlyChart));
        Assert.Equal(1, ours);

        var chart = Charts.Errors([0.5]);
        Assert.Contains(PlotlyHtml.ContainerClass, chart.ToDisplayString(HtmlFormatter.MimeType));

        var confusion = Views.Confusion(new int[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal(confusion.ToHtml(), confusion.ToDisplayString(HtmlFormatter.MimeType));
    }
}

[Collection(nameof(FormatterState))]
public class KernelTests
{
    [Fact]
    public async Task In_a_kernel_the_monitor_updates_one_output_and_charts_render_as_html()
    {
        Formatter.ResetToDefault();
        using var kernel = new CSharpKernel().UseKernelHelpers();
        var references = string.Join("\n", new[] { typeof(Digits), typeof(Data.MnistImages), typeof(PlotlyChart), typeof(MathNet.Numerics.Control) }
            .Select(t => $"#r \"{t.Assembly.Location}\""));
        var code = references + """

            using NotebookNet.Interactive;
            var monitor = TrainingMonitor.Start("prueba", 3);
            for (int e = 1; e <= 3; e++) monitor.Report(e, 1.0 / e, 0.9);
            monitor.Complete();
            Charts.Errors(monitor.Losses)
            """;

        var result = await kernel.SendAsync(new SubmitCode(code));

        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failure is null, failure?.Message);
        var produced = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        var updates = result.Events.OfType<DisplayedValueUpdated>().ToList();
        Assert.Equal(4, updates.Count); // three epochs and the completion
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        string last = updates[^1].FormattedValues.Single(v => v.MimeType == HtmlFormatter.MimeType).Value;
        Assert.Contains("completado", last);
        Assert.Contains("época 3/3", last);

        var chart = Assert.Single(result.Events.OfType<ReturnValueProduced>());
        Assert.Contains(PlotlyHtml.ContainerClass, chart.FormattedValues.Single(v => v.MimeType == HtmlFormatter.MimeType).Value);
    }
}
