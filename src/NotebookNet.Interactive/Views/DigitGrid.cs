using System.Text;

namespace NotebookNet.Interactive;

/// <summary>
/// Digits in a grid, each with its caption; a wrong prediction gets a red border, a ✗ and the CSS class
/// <see cref="WrongClass"/>. Rows hold at most <see cref="Columns"/> digits and wrap to the page width on narrower pages.
/// </summary>
public sealed class DigitGrid : HtmlView
{
    /// <summary>CSS class of every cell.</summary>
    public const string CellClass = "notebooknet-digit";

    /// <summary>Extra CSS class of a cell whose prediction differs from the truth.</summary>
    public const string WrongClass = "notebooknet-wrong";

    internal DigitGrid(IReadOnlyList<Cell> cells, int columns, string? title = null)
    {
        Cells = cells;
        Columns = columns;
        Title = title;
    }

    /// <summary>
    /// One digit of the grid: the image index, its picture and (when known) predicted and true labels, and the
    /// probability the network gave its prediction.
    /// </summary>
    public sealed record Cell(int Index, DigitImage Image, int? Predicted, int? Truth, double? Confidence = null)
    {
        public bool IsWrong => Predicted is { } p && Truth is { } t && p != t;
    }

    public IReadOnlyList<Cell> Cells { get; }
    public int Columns { get; }

    /// <summary>What the grid shows, above it; without one, the count of right predictions is shown instead.</summary>
    public string? Title { get; }

    /// <summary>How many cells show a wrong prediction.</summary>
    public int WrongCount => Cells.Count(c => c.IsWrong);

    public override string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"notebooknet-grid\" style=\"font-family:sans-serif;font-size:11px\">");
        int judged = Cells.Count(c => c.Predicted is not null && c.Truth is not null);
        if (Title is not null) html.Append($"<div style=\"margin-bottom:6px\">{Markup.Encode(Title)}</div>");
        else if (judged > 0)
        {
            int right = judged - WrongCount;
            html.Append($"<div style=\"margin-bottom:6px\">{Markup.Number(right)} de {Markup.Number(judged)} aciertos " +
                        $"({Markup.Percent((double)right / judged)}); {Markup.Number(WrongCount)} errores marcados con ✗</div>");
        }
        // Each cell is as wide as its widest caption line or its picture; a row holds at most Columns of them and
        // wraps earlier when the page is narrower, so the grid never scrolls sideways.
        int captionWidth = Cells.Any(c => c.Confidence is not null) ? 96 : 72;
        int cellWidth = Math.Max(Cells.Count == 0 ? 0 : Cells.Max(c => c.Image.Width), captionWidth) + 8;
        html.Append($"<div style=\"display:flex;flex-wrap:wrap;gap:6px;max-width:{Markup.Number(Columns * (cellWidth + 6))}px\">");
        foreach (var cell in Cells)
        {
            string border = cell.IsWrong ? "2px solid #d32f2f" : "2px solid transparent";
            string cls = cell.IsWrong ? $"{CellClass} {WrongClass}" : CellClass;
            html.Append($"<div class=\"{cls}\" style=\"border:{border};border-radius:3px;padding:2px;text-align:center;" +
                        $"box-sizing:border-box;width:{Markup.Number(cellWidth)}px\">");
            html.Append(cell.Image.ImgTag("display:block;margin:0 auto"));
            html.Append("<div style=\"line-height:1.3;margin-top:2px").Append(cell.IsWrong ? ";color:#d32f2f;font-weight:600" : "").Append("\">");
            html.Append(Caption(cell));
            html.Append("</div></div>");
        }
        html.Append("</div></div>");
        return html.ToString();
    }

    private static string Caption(Cell cell)
    {
        var parts = new List<string>();
        if (cell.Predicted is { } p) parts.Add($"predicción {Markup.Number(p)}");
        if (cell.Confidence is { } c) parts.Add($"confianza {Markup.Percent(c)}");
        if (cell.Truth is { } t) parts.Add($"real {Markup.Number(t)}");
        if (parts.Count == 0) parts.Add($"#{Markup.Number(cell.Index)}");
        return (cell.IsWrong ? "✗ " : "") + string.Join("<br>", parts);
    }

    public override string ToString() => $"DigitGrid({Cells.Count} digits, {WrongCount} wrong)";
}
