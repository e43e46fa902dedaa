using System.Text;

namespace NotebookNet.Interactive;

/// <summary>
/// A confusion matrix as an HTML heat-map table: rows are true classes, columns predicted ones, each cell shows its
/// count on a shade proportional to the row's share (blue on the diagonal, red for confusions); the diagonal is framed in green.
/// </summary>
public sealed class ConfusionMatrixView : HtmlView
{
    internal ConfusionMatrixView(int[,] matrix, IReadOnlyList<string> labels)
    {
        Matrix = matrix;
        Labels = labels;
    }

    /// <summary>counts[true, predicted].</summary>
    public int[,] Matrix { get; }

    public IReadOnlyList<string> Labels { get; }

    public int Total
    {
        get
        {
            int total = 0;
            foreach (int c in Matrix) total += c;
            return total;
        }
    }

    /// <summary>Share of the diagonal in the total (0 when empty).</summary>
    public double Accuracy
    {
        get
        {
            int right = 0;
            for (int i = 0; i < Labels.Count; i++) right += Matrix[i, i];
            return Total == 0 ? 0 : (double)right / Total;
        }
    }

    public override string ToHtml()
    {
        int n = Labels.Count;
        var html = new StringBuilder();
        const string cellStyle = "padding:3px 6px;text-align:right;min-width:2.5em;border:1px solid #ddd";
        html.Append("<table class=\"notebooknet-confusion\" style=\"border-collapse:collapse;font-family:sans-serif;font-size:12px\">");
        html.Append($"<caption style=\"caption-side:top;text-align:left;padding-bottom:4px\">Filas: clase real · columnas: predicción · " +
                    $"exactitud {Markup.Percent(Accuracy)} de {Markup.Number(Total)}</caption>");
        html.Append("<tr><th style=\"padding:3px 6px\">real \\ pred.</th>");
        foreach (var label in Labels) html.Append($"<th style=\"padding:3px 6px\">{Markup.Encode(label)}</th>");
        html.Append("<th style=\"padding:3px 6px\">total</th><th style=\"padding:3px 6px\">acierto</th></tr>");
        for (int i = 0; i < n; i++)
        {
            int rowTotal = 0;
            for (int j = 0; j < n; j++) rowTotal += Matrix[i, j];
            html.Append($"<tr><th style=\"padding:3px 6px\">{Markup.Encode(Labels[i])}</th>");
            for (int j = 0; j < n; j++)
            {
                int count = Matrix[i, j];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                var (r, g, b) = i == j ? Shade(share, (0x08, 0x30, 0x6B)) : Shade(share, (0xB2, 0x18, 0x2B));
                string text = share > 0.55 ? "#fff" : "#000";
                string diagonal = i == j ? ";outline:2px solid #2e7d32;outline-offset:-2px;font-weight:700" : "";
                html.Append($"<td style=\"{cellStyle};background:rgb({r},{g},{b});color:{text}{diagonal}\" " +
                            $"title=\"real {Markup.Encode(Labels[i])}, predicción {Markup.Encode(Labels[j])}: {Markup.Number(count)}\">" +
                            $"{Markup.Number(count)}</td>");
            }
            string recall = rowTotal == 0 ? "–" : Markup.Percent((double)Matrix[i, i] / rowTotal);
            html.Append($"<td style=\"{cellStyle}\">{Markup.Number(rowTotal)}</td><td style=\"{cellStyle}\">{recall}</td></tr>");
        }
        html.Append("</table>");
        return html.ToString();
    }

    /// <summary>White to <paramref name="full"/> by share: dark blue for right answers, red for confusions.</summary>
    private static (int R, int G, int B) Shade(double share, (int R, int G, int B) full) =>
        ((int)Math.Round(255 + (full.R - 255) * share), (int)Math.Round(255 + (full.G - 255) * share), (int)Math.Round(255 + (full.B - 255) * share));

    public override string ToString() => $"ConfusionMatrix({Labels.Count}×{Labels.Count}, {Total} samples)";
}
