namespace NotebookNet.Interactive;

/// <summary>The loss over the epochs: epoch losses as a line with dots, batch losses as a faint line behind.</summary>
internal static class LossCurve
{
    /// <summary>Epoch losses at x = epoch; batch losses at x = fractional epoch.</summary>
    public static string Svg(IReadOnlyList<(double X, double Loss)> epochs, IReadOnlyList<(double X, double Loss)> batches, int totalEpochs)
    {
        double yMax = 0;
        foreach (var (_, loss) in epochs) if (double.IsFinite(loss)) yMax = Math.Max(yMax, loss);
        yMax = Math.Max(yMax, BatchScale(batches));
        yMax = yMax <= 0 ? 1 : CurveChart.NiceCeiling(yMax);
        return CurveChart.Svg(
            [new(batches, "#9ecae1", 1, Dots: false), new(epochs, "#1f77b4", 2, Dots: true, CssClass: "notebooknet-loss")],
            totalEpochs, 0, yMax, "error", y => Markup.Number(y, "0.###"));
    }

    /// <summary>
    /// The batch losses' 98th percentile: the first few batches of a run can be ten times the rest, and scaling the
    /// axis to them would flatten every later point onto the bottom line (those few are drawn clipped at the top).
    /// </summary>
    private static double BatchScale(IReadOnlyList<(double X, double Loss)> batches)
    {
        var finite = batches.Select(b => b.Loss).Where(double.IsFinite).Order().ToArray();
        return finite.Length == 0 ? 0 : finite[(int)Math.Floor(0.98 * (finite.Length - 1))];
    }
}
