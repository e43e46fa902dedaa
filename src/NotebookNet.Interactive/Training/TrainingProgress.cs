using System.Text;

namespace NotebookNet.Interactive;

/// <summary>What a <see cref="TrainingMonitor"/> shows at one moment: progress, last figures and the loss curve.</summary>
public sealed class TrainingProgress : HtmlView
{
    internal TrainingProgress(string title, int totalEpochs, int epoch, int batch, int batches, double? loss, double? accuracy,
        double? validationAccuracy, double? imagesPerSecond, TimeSpan elapsed, bool completed,
        IReadOnlyList<(double X, double Loss)> epochLosses, IReadOnlyList<(double X, double Loss)> batchLosses,
        IReadOnlyList<(double X, double Accuracy)> epochAccuracies, IReadOnlyList<(double X, double Accuracy)> validationAccuracies)
    {
        (Title, TotalEpochs, Epoch, Batch, Batches) = (title, totalEpochs, epoch, batch, batches);
        (Loss, Accuracy, ValidationAccuracy, ImagesPerSecond, Elapsed, Completed) =
            (loss, accuracy, validationAccuracy, imagesPerSecond, elapsed, completed);
        EpochLosses = epochLosses;
        BatchLosses = batchLosses;
        EpochAccuracies = epochAccuracies;
        ValidationAccuracies = validationAccuracies;
    }

    public string Title { get; }
    public int TotalEpochs { get; }

    /// <summary>The epoch being trained or last finished (1-based; 0 before the first report).</summary>
    public int Epoch { get; }
    public int Batch { get; }
    public int Batches { get; }
    public double? Loss { get; }
    public double? Accuracy { get; }

    /// <summary>Validation accuracy of the last finished epoch, when the run has a validation set.</summary>
    public double? ValidationAccuracy { get; }
    public double? ImagesPerSecond { get; }
    public TimeSpan Elapsed { get; }
    public bool Completed { get; }

    /// <summary>(epoch, loss) of every finished epoch.</summary>
    public IReadOnlyList<(double X, double Loss)> EpochLosses { get; }

    /// <summary>(fractional epoch, loss) of the reported batches, thinned out on long runs.</summary>
    public IReadOnlyList<(double X, double Loss)> BatchLosses { get; }

    /// <summary>(epoch, training accuracy) of every finished epoch that reported one.</summary>
    public IReadOnlyList<(double X, double Accuracy)> EpochAccuracies { get; }

    /// <summary>(epoch, validation accuracy) of every finished epoch that reported one.</summary>
    public IReadOnlyList<(double X, double Accuracy)> ValidationAccuracies { get; }

    /// <summary>Finished share of the whole training, 0..1.</summary>
    public double Fraction
    {
        get
        {
            if (Completed) return 1;
            double done = EpochLosses.Count == 0 ? 0 : EpochLosses[^1].X;
            if (Batches > 0 && Epoch > done) done = Epoch - 1 + (double)Batch / Batches;
            return Math.Clamp(done / Math.Max(1, TotalEpochs), 0, 1);
        }
    }

    public override string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<div class=\"notebooknet-training\" style=\"font-family:sans-serif;font-size:12px;max-width:560px\">");
        string state = Completed ? " — completado" : "";
        html.Append($"<div style=\"font-weight:600;margin-bottom:4px\">{Markup.Encode(Title)}{state}</div>");
        string bar = Completed ? "#2e7d32" : "#1f77b4";
        html.Append("<div style=\"background:#e0e0e0;border-radius:3px;height:10px;width:100%\">" +
                    $"<div style=\"background:{bar};border-radius:3px;height:10px;width:{Markup.Number(100 * Fraction, "0.#")}%\"></div></div>");
        html.Append("<div style=\"margin:4px 0;font-variant-numeric:tabular-nums\">");
        html.Append(Markup.Encode(Summary()));
        html.Append("</div>");
        html.Append(LossCurve.Svg(EpochLosses, BatchLosses, TotalEpochs));
        // The accuracy chart appears once an epoch has a validation accuracy: with one training point alone it says little.
        if (ValidationAccuracies.Count > 0) html.Append(AccuracyCurve.Svg(EpochAccuracies, ValidationAccuracies, TotalEpochs));
        html.Append("</div>");
        return html.ToString();
    }

    /// <summary>"época 3/10 · lote 120/469 · error 0.1234 · exactitud 91.20 % · validación 97.80 % · 5210 imágenes/s · 12.3 s".</summary>
    public string Summary()
    {
        var parts = new List<string> { $"época {Markup.Number(Epoch)}/{Markup.Number(TotalEpochs)}" };
        if (Batches > 0 && !Completed) parts.Add($"lote {Markup.Number(Batch)}/{Markup.Number(Batches)}");
        if (Loss is { } loss) parts.Add($"error {Markup.Number(loss, "0.######")}");
        if (Accuracy is { } accuracy) parts.Add($"exactitud {Markup.Percent(accuracy)}");
        if (ValidationAccuracy is { } validation) parts.Add($"validación {Markup.Percent(validation)}");
        if (ImagesPerSecond is { } speed) parts.Add($"{Markup.Number(speed, "0")} imágenes/s");
        parts.Add(Markup.Duration(Elapsed));
        return string.Join(" · ", parts);
    }

    public override string ToString() => $"{Title}: {Summary()}";
}
