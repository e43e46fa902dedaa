using System.Numerics;
using NotebookNet.Evaluation;
using NotebookNet.Layers;
using NotebookNet.Training;

namespace NotebookNet.Interactive;

/// <summary>Tables for results.</summary>
public static class Views
{
    /// <summary>A pad to draw a digit on and watch <paramref name="network"/> answer, in the page itself (see <see cref="Interactive.DrawingPad"/>).</summary>
    public static DrawingPad DrawingPad<T>(IReadOnlyList<Layer<T>> network, string? title = null) where T : struct, IFloatingPointIeee754<T> =>
        Interactive.DrawingPad.For(network, title);

    /// <summary>The layers of <paramref name="model"/>, their output shapes and parameter counts, in Spanish.</summary>
    public static ModelSummaryView Summary<T>(Sequential<T> model) where T : struct, IFloatingPointIeee754<T> => ModelSummaryView.Of(model);

    /// <summary>The epochs of a training run (error and exactitud, on training and validation), in Spanish.</summary>
    public static HistoryView History(History history) => new(history ?? throw new ArgumentNullException(nameof(history)));

    /// <summary>One epoch in a Spanish sentence, for <c>Console.WriteLine</c> (see <see cref="HistoryView.Line"/>).</summary>
    public static string Epoch(EpochResult epoch) => HistoryView.Line(epoch);

    /// <summary>A confusion matrix, <c>matrix[true, predicted]</c>; labels default to "0", "1", ….</summary>
    public static ConfusionMatrixView Confusion(int[,] matrix, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (n == 0 || matrix.GetLength(1) != n)
            throw new ArgumentException($"A confusion matrix is square and not empty, got {n}×{matrix.GetLength(1)}.", nameof(matrix));
        labels ??= Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (labels.Count != n)
            throw new ArgumentException($"The matrix is {n}×{n} but there are {labels.Count} labels.", nameof(labels));
        foreach (int c in matrix)
            if (c < 0) throw new ArgumentException($"A confusion matrix holds counts; found {c}.", nameof(matrix));
        return new ConfusionMatrixView((int[,])matrix.Clone(), labels.ToArray());
    }

    /// <summary>The view of <paramref name="matrix"/>, e.g. <c>Views.Confusion(ConfusionMatrix.From(labels, predicted))</c>.</summary>
    public static ConfusionMatrixView Confusion(ConfusionMatrix matrix, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Confusion(matrix.Counts, labels);
    }
}
