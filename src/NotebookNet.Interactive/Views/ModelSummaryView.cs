using System.Numerics;
using System.Text;
using NotebookNet.Layers;

namespace NotebookNet.Interactive;

/// <summary>
/// A network's layers as a table in Spanish: each layer, the shape of its output for one image and its number of
/// parameters, with the total. The notebook's counterpart of <c>Sequential.Summary()</c>, which prints in English for the CLI.
/// </summary>
public sealed class ModelSummaryView : HtmlView
{
    internal ModelSummaryView(IReadOnlyList<(string Layer, string OutputShape, long Parameters)> rows) => Rows = rows;

    /// <summary>Builds the rows of <paramref name="model"/>: a layer without a fixed shape keeps the previous one (ReLU after pooling).</summary>
    internal static ModelSummaryView Of<T>(Sequential<T> model) where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<(string, string, long)>();
        string shape = "?";
        foreach (var layer in model)
        {
            shape = layer switch
            {
                IShapedLayer s => s.OutputShapeText,
                _ => shape,
            };
            rows.Add((layer.Name, shape, layer.Parameters.Sum(p => (long)p.Value.RowCount * p.Value.ColumnCount)));
        }
        return new ModelSummaryView(rows);
    }

    public IReadOnlyList<(string Layer, string OutputShape, long Parameters)> Rows { get; }

    public long TotalParameters => Rows.Sum(r => r.Parameters);

    public override string ToHtml()
    {
        const string cell = "padding:2px 10px;border-bottom:1px solid #eee";
        var html = new StringBuilder();
        html.Append("<table class=\"notebooknet-summary\" style=\"border-collapse:collapse;font-family:sans-serif;font-size:12px\">");
        html.Append($"<thead><tr><th style=\"{cell};text-align:left\">Capa</th><th style=\"{cell};text-align:left\">Salida (por imagen)</th>" +
                    $"<th style=\"{cell};text-align:right\">Parámetros</th></tr></thead><tbody>");
        foreach (var (layer, shape, parameters) in Rows)
            html.Append($"<tr><td style=\"{cell};font-family:monospace\">{Markup.Encode(layer)}</td><td style=\"{cell}\">{Markup.Encode(shape)}</td>" +
                        $"<td style=\"{cell};text-align:right\">{Markup.Number(parameters)}</td></tr>");
        html.Append($"</tbody><tfoot><tr><td style=\"{cell};font-weight:600\" colspan=\"2\">Total</td>" +
                    $"<td style=\"{cell};text-align:right;font-weight:600\">{Markup.Number(TotalParameters)}</td></tr></tfoot></table>");
        return html.ToString();
    }

    public override string ToString() => $"ModelSummaryView({Rows.Count} capas, {Markup.Number(TotalParameters)} parámetros)";
}
