using System.Text;

namespace NotebookNet.Interactive;

/// <summary>An inline SVG line chart of the loss, drawn without script so it shows in any page, offline and exported.</summary>
internal static class LossCurve
{
    public const int Width = 560, Height = 220;
    private const int Left = 56, Right = 12, Top = 12, Bottom = 34;

    /// <summary>Epoch losses as a line with dots at x = epoch; batch losses (x = fractional epoch) as a faint line behind.</summary>
    public static string Svg(IReadOnlyList<(double X, double Loss)> epochs, IReadOnlyList<(double X, double Loss)> batches, int totalEpochs)
    {
        double xMax = Math.Max(1, totalEpochs);
        double yMax = 0;
        foreach (var (_, loss) in epochs) if (double.IsFinite(loss)) yMax = Math.Max(yMax, loss);
        foreach (var (_, loss) in batches) if (double.IsFinite(loss)) yMax = Math.Max(yMax, loss);
        yMax = yMax <= 0 ? 1 : NiceCeiling(yMax);

        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        string Px(double x) => Markup.Number(Left + x / xMax * plotW, "0.#");
        string Py(double y) => Markup.Number(Top + (1 - Math.Clamp(y / yMax, 0, 1)) * plotH, "0.#");

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" " +
                   "style=\"font-family:sans-serif;font-size:10px;background:#fff\">");
        for (int i = 0; i <= 4; i++)
        {
            double y = yMax * i / 4;
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(y)}\" y2=\"{Py(y)}\" stroke=\"#eee\"/>");
            svg.Append($"<text x=\"{Left - 4}\" y=\"{Py(y)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Markup.Number(y, "0.###")}</text>");
        }
        int step = Math.Max(1, (int)Math.Ceiling(xMax / 10));
        for (int e = 0; e <= xMax; e += step)
            svg.Append($"<text x=\"{Px(e)}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\">{Markup.Number(e)}</text>");
        svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Py(0)}\" y2=\"{Py(0)}\" stroke=\"#888\"/>");
        svg.Append($"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Py(0)}\" stroke=\"#888\"/>");
        svg.Append($"<text x=\"{Left + plotW / 2}\" y=\"{Height - 4}\" text-anchor=\"middle\">época</text>");
        svg.Append($"<text x=\"12\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 12 {Markup.Number(Top + plotH / 2, "0.#")})\">error</text>");

        if (batches.Count > 1)
            svg.Append($"<polyline fill=\"none\" stroke=\"#9ecae1\" stroke-width=\"1\" points=\"{Points(batches, Px, Py)}\"/>");
        if (epochs.Count > 0)
        {
            svg.Append($"<polyline class=\"notebooknet-loss\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"{Points(epochs, Px, Py)}\"/>");
            if (epochs.Count <= 60)
                foreach (var (x, loss) in epochs)
                    if (double.IsFinite(loss)) svg.Append($"<circle cx=\"{Px(x)}\" cy=\"{Py(loss)}\" r=\"2.5\" fill=\"#1f77b4\"/>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Points(IReadOnlyList<(double X, double Loss)> points, Func<double, string> px, Func<double, string> py) =>
        string.Join(" ", points.Where(p => double.IsFinite(p.Loss)).Select(p => px(p.X) + "," + py(p.Loss)));

    /// <summary>1, 2, 2.5 or 5 times a power of ten, at least <paramref name="value"/>, so the axis labels are round.</summary>
    internal static double NiceCeiling(double value)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double m in (ReadOnlySpan<double>)[1, 2, 2.5, 5, 10])
            if (m * power >= value * (1 - 1e-12)) return m * power;
        return 10 * power;
    }
}
