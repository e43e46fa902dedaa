using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NotebookNet.Interactive;

/// <summary>
/// Teaches .NET Interactive to show this library's views and XPlot charts as HTML ("text/html").
/// It runs by itself the first time any type of this assembly is used (module initializer), which in a notebook is the
/// first cell that calls <see cref="Digits"/>, <see cref="Charts"/>, …; a setup cell may also call it explicitly.
/// </summary>
public static class NotebookDisplay
{
    private static readonly object Gate = new();
    private static ITypeFormatter[]? _formatters;

    /// <summary>
    /// Registers the formatters. Idempotent: registering again does nothing while ours are still in place, and
    /// registers them anew after something (a kernel, a test) called <see cref="Formatter.ResetToDefault"/>.
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_formatters is not null)
            {
                var registered = Formatter.RegisteredFormatters(false).ToHashSet();
                if (_formatters.All(registered.Contains)) return;
            }
            _formatters =
            [
                new HtmlFormatter<PlotlyChart>((chart, context) => context.Writer.Write(Html(chart))),
                new HtmlFormatter<HtmlView>((view, context) => context.Writer.Write(view.ToHtml())),
            ];
            foreach (var formatter in _formatters) Formatter.Register(formatter);
        }
    }

    /// <summary>
    /// The chart's HTML as a notebook shows it (see <see cref="PlotlyHtml"/>), led by the inline plotly.js when it is
    /// the kernel's first chart (see <see cref="PlotlyLibrary"/>).
    /// </summary>
    public static string Html(PlotlyChart chart) => PlotlyLibrary.ForNextChart() + PlotlyHtml.Fragment(chart);

#pragma warning disable CA2255 // A notebook should only need `#r`; registering formatters has no side effect outside .NET Interactive.
    [ModuleInitializer]
    internal static void Initialize() => Register();
#pragma warning restore CA2255
}
