using System.Text;

namespace NotebookNet.Interactive;

/// <summary>
/// An inline SVG line chart over epochs, drawn without script so it shows in any page, offline and exported: the loss
/// curve and the accuracy curve of <see cref="TrainingProgress"/> are two of these.
/// </summary>
internal static class CurveChart
{
    public const int Width = 560, Height = 220;
    private const int Left = 56, Right = 12, Top = 12, Bottom = 34;

    /// <summary>One line: (x = epoch or fractional epoch, y) points; dots at the points when <paramref name="Dots"/>.</summary>
    public sealed record Series(IReadOnlyList<(double X, double Y)> Points, string Color, double StrokeWidth,
        bool Dots, string? CssClass = null, string? Legend = null);

    /// <summary>
    /// The chart of <paramref name="series"/> (drawn in order, so the last is on top) from x = 0 to
    /// <paramref name="totalEpochs"/> and y from <paramref name="yMin"/> to <paramref name="yMax"/>; y labels are
    /// <paramref name="yLabel"/>(value).
    /// </summary>
    public static string Svg(IReadOnlyList<Series> series, int totalEpochs, double yMin, double yMax, string yTitle,
        Func<double, string> yLabel)
    {
        double xMax = Math.Max(1, totalEpochs);
        if (!(yMax > yMin)) yMax = yMin + 1;
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        string Px(double x) => Markup.Number(Left + x / xMax * plotW, "0.#");
        string Py(double y) => Markup.Number(Top + (1 - Math.Clamp((y - yMin) / (yMax - yMin), 0, 1)) * plotH, "0.#");

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" " +
                   "style=\"font-family:sans-serif;font-size:10px;background:#fff;max-width:100%;height:auto\">");
        for (int i = 0; i <= 4; i++)
        {
            double y = yMin + (yMax - yMin) * i / 4;
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(y)}\" y2=\"{Py(y)}\" stroke=\"#eee\"/>");
            svg.Append($"<text x=\"{Left - 4}\" y=\"{Py(y)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Markup.Encode(yLabel(y))}</text>");
        }
        int step = Math.Max(1, (int)Math.Ceiling(xMax / 10));
        for (int e = 0; e <= xMax; e += step)
            svg.Append($"<text x=\"{Px(e)}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{Markup.Number(e)}</text>");
        svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(yMin)}\" y2=\"{Py(yMin)}\" stroke=\"#888\"/>");
        svg.Append($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Py(yMin)}\" stroke=\"#888\"/>");
        svg.Append($"<text x=\"{Left + plotW / 2}\" y=\"{Height - 4}\" text-anchor=\"middle\">época</text>");
        string middle = Markup.Number(Top + plotH / 2, "0.#");
        svg.Append($"<text x=\"12\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {middle})\">{Markup.Encode(yTitle)}</text>");

        int legendAt = 0;
        foreach (var s in series)
        {
            var finite = s.Points.Where(p => double.IsFinite(p.Y)).ToList();
            if (finite.Count > 1 || (finite.Count == 1 && s.Dots))
            {
                string cls = s.CssClass is null ? "" : $" class=\"{s.CssClass}\"";
                svg.Append($"<polyline{cls} fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"{Markup.Number(s.StrokeWidth)}\" " +
                           $"points=\"{string.Join(" ", finite.Select(p => Px(p.X) + "," + Py(p.Y)))}\"/>");
                if (s.Dots && finite.Count <= 60)
                    foreach (var (x, y) in finite) svg.Append($"<circle cx=\"{Px(x)}\" cy=\"{Py(y)}\" r=\"2.5\" fill=\"{s.Color}\"/>");
            }
            if (s.Legend is null) continue;
            // The legend sits in the top right corner, one entry under the other.
            int ly = Top + 8 + 14 * legendAt++;
            svg.Append($"<line x1=\"{Width - Right - 150}\" x2=\"{Width - Right - 132}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"{s.Color}\" stroke-width=\"2\"/>");
            svg.Append($"<text x=\"{Width - Right - 128}\" y=\"{ly}\" dominant-baseline=\"middle\">{Markup.Encode(s.Legend)}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at least <paramref name="value"/>, so the axis labels are round.</summary>
    internal static double NiceCeiling(double value)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
            if (m * power >= value * (1 - 1e-12)) return m * power;
        return 10 * power;
    }
}
