namespace NotebookNet.Interactive;

/// <summary>
/// Accuracy over the epochs, on training (measured while training) and on validation (in evaluation mode): the gap
/// between the two lines is what overfitting looks like.
/// </summary>
internal static class AccuracyCurve
{
    /// <summary>Points at x = epoch, y in [0, 1]; the y axis starts at a round value below the lowest point.</summary>
    public static string Svg(IReadOnlyList<(double X, double Accuracy)> training, IReadOnlyList<(double X, double Accuracy)> validation,
        int totalEpochs)
    {
        double lowest = training.Concat(validation).Select(p => p.Accuracy).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        // Tenths of the error below the lowest point: 0.9, 0.95, 0.98…, so the last epochs do not sit on one line.
        double yMin = Math.Clamp(1 - CurveChart.NiceCeiling(Math.Max(1 - lowest, 1e-3)), 0, 1);
        return CurveChart.Svg(
            [new(training, "#ff7f0e", 2, Dots: true, CssClass: "notebooknet-train-accuracy", Legend: "entrenamiento"),
             new(validation, "#2ca02c", 2, Dots: true, CssClass: "notebooknet-validation-accuracy", Legend: "validación")],
            totalEpochs, yMin, 1, "exactitud", Markup.Percent);
    }
}
