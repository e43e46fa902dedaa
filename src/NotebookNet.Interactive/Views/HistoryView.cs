using System.Text;
using NotebookNet.Training;

namespace NotebookNet.Interactive;

/// <summary>
/// A training run's epochs as a table in Spanish: error and exactitud on training and on validation, seconds and
/// images per second. The notebook's counterpart of <c>History.ToString()</c>, whose lines are in English for the CLI.
/// </summary>
public sealed class HistoryView : HtmlView
{
    internal HistoryView(History history) => History = history;

    public History History { get; }

    /// <summary>One epoch in a sentence: "época 2/3: error 0.0612, exactitud 98.10 %; validación: error 0.0500, exactitud 98.45 % (2.1 s, 25714 imágenes/s)".</summary>
    public static string Line(EpochResult e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var line = new StringBuilder($"época {Markup.Number(e.Epoch)}/{Markup.Number(e.Epochs)}: error {Markup.Number(e.TrainLoss, "0.0000")}, " +
                                     $"exactitud {Markup.Percent(e.TrainAccuracy)}");
        if (e.HasValidation)
            line.Append($"; validación: error {Markup.Number(e.ValidationLoss, "0.0000")}, exactitud {Markup.Percent(e.ValidationAccuracy)}");
        line.Append($" ({Markup.Number(e.Seconds, "0.0")} s, {Markup.Number(e.ImagesPerSecond, "0")} imágenes/s)");
        return line.ToString();
    }

    public override string ToHtml()
    {
        const string cell = "padding:2px 10px;border-bottom:1px solid #eee;text-align:right";
        bool validation = History.Epochs.Any(e => e.HasValidation);
        var html = new StringBuilder();
        html.Append("<table class=\"notebooknet-history\" style=\"border-collapse:collapse;font-family:sans-serif;font-size:12px;" +
                    "font-variant-numeric:tabular-nums\"><thead><tr>");
        var headers = new List<string> { "Época", "Error (entrenamiento)", "Exactitud (entrenamiento)" };
        if (validation) headers.AddRange(["Error (validación)", "Exactitud (validación)"]);
        headers.AddRange(["Segundos", "Imágenes/s"]);
        foreach (string h in headers) html.Append($"<th style=\"{cell}\">{h}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var e in History.Epochs)
        {
            var values = new List<string> { Markup.Number(e.Epoch), Markup.Number(e.TrainLoss, "0.0000"), Markup.Percent(e.TrainAccuracy) };
            if (validation)
                values.AddRange(e.HasValidation
                    ? [Markup.Number(e.ValidationLoss, "0.0000"), Markup.Percent(e.ValidationAccuracy)]
                    : ["—", "—"]);
            values.AddRange([Markup.Number(e.Seconds, "0.0"), Markup.Number(e.ImagesPerSecond, "0")]);
            html.Append("<tr>");
            foreach (string v in values) html.Append($"<td style=\"{cell}\">{v}</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return html.ToString();
    }

    public override string ToString() => string.Join(Environment.NewLine, History.Epochs.Select(Line));
}
