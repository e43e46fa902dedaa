using XPlot.Plotly;

namespace NotebookNet.Interactive;

/// <summary>XPlot line charts for training curves, with titled axes. XPlot writes numbers as JSON, which is culture-invariant.</summary>
public static class Charts
{
    /// <summary>The error of each epoch: x is the epoch 1..n, y the error.</summary>
    public static PlotlyChart Errors(IReadOnlyList<double> errors, string title = "Error de entrenamiento por época")
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Lines(title, "Época", "Error", ("error", errors));
    }

    /// <summary>One line per series, each plotted against 1..n (its own length).</summary>
    public static PlotlyChart Lines(string title, string xTitle, string yTitle, params (string Name, IReadOnlyList<double> Values)[] series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0) throw new ArgumentException("Give at least one series to plot.", nameof(series));
        // PlotlyChart is XPlot's type, not ours: make sure a notebook knows how to show it even after a formatter reset.
        NotebookDisplay.Register();
        var traces = new List<Scatter>(series.Length);
        foreach (var (name, values) in series)
        {
            if (values is null) throw new ArgumentNullException(nameof(series), $"Series '{name}' has no values.");
            traces.Add(new Scatter
            {
                name = name,
                x = Enumerable.Range(1, values.Count).ToArray(),
                y = values.ToArray(),
                mode = values.Count <= 60 ? "lines+markers" : "lines",
            });
        }
        var layout = new Layout.Layout
        {
            title = title,
            xaxis = new Xaxis { title = xTitle },
            yaxis = new Yaxis { title = yTitle },
            showlegend = series.Length > 1,
        };
        var chart = Chart.Plot(traces, layout);
        chart.WithWidth(800);
        chart.WithHeight(420);
        return chart;
    }
}
