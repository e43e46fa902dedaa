using System.Text;
using NotebookNet.Interactive.Imaging;

namespace NotebookNet.Interactive;

/// <summary>
/// Feature maps or convolution kernels side by side, one inline PNG per channel, each scaled to its own range
/// (grayscale if non-negative, blue–white–red around zero if any value is negative), with the range in its caption.
/// </summary>
public sealed class FeatureMapGrid : HtmlView
{
    internal FeatureMapGrid(IReadOnlyList<Map> maps, string? title, int columns)
    {
        Maps = maps;
        Title = title;
        Columns = columns;
    }

    /// <summary>One channel: its picture (already enlarged) and the value range it was scaled from.</summary>
    public sealed record Map(string Caption, Raster Raster, double Min, double Max)
    {
        public bool IsSigned => Min < 0;
        internal byte[] Png { get; } = Raster.ToPng();
    }

    public IReadOnlyList<Map> Maps { get; }
    public string? Title { get; }
    public int Columns { get; }

    public override string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"notebooknet-feature-maps\" style=\"font-family:sans-serif;font-size:11px\">");
        html.Append(Markup.Heading(Title));
        if (Maps.Any(m => m.IsSigned))
            html.Append("<div style=\"margin-bottom:4px\">azul &lt; 0 · blanco = 0 · rojo &gt; 0</div>");
        html.Append($"<div style=\"display:grid;grid-template-columns:repeat({Columns}, max-content);gap:8px\">");
        foreach (var map in Maps)
        {
            html.Append("<figure style=\"margin:0;text-align:center\">");
            html.Append($"<img src=\"{Png.DataUri(map.Png)}\" width=\"{map.Raster.Width}\" height=\"{map.Raster.Height}\" " +
                        $"alt=\"{Markup.Encode(map.Caption)}\" style=\"image-rendering:pixelated;display:block;margin:0 auto;border:1px solid #ccc\">");
            html.Append($"<figcaption>{Markup.Encode(map.Caption)}<br>[{Markup.Number(map.Min, "0.###")}, {Markup.Number(map.Max, "0.###")}]</figcaption>");
            html.Append("</figure>");
        }
        html.Append("</div></div>");
        return html.ToString();
    }

    public override string ToString() => $"FeatureMaps({Maps.Count} maps{(Title is null ? "" : ", " + Title)})";
}
