using System.Globalization;
using System.Text;

namespace NotebookNet.Evaluation;

/// <summary>
/// Counts of (true class, predicted class) pairs: row = truth, column = prediction, so the diagonal holds the
/// hits. Precision of a class is its diagonal over its column; recall, its diagonal over its row.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        _counts = new int[classes, classes];
    }

    /// <summary>Counts <paramref name="predicted"/> against <paramref name="labels"/>.</summary>
    public static ConfusionMatrix From(ReadOnlySpan<int> labels, ReadOnlySpan<int> predicted, int classes = 10)
    {
        if (labels.Length != predicted.Length)
            throw new ArgumentException($"ConfusionMatrix: {labels.Length} labels but {predicted.Length} predictions.");
        var m = new ConfusionMatrix(classes);
        for (int i = 0; i < labels.Length; i++) m.Add(labels[i], predicted[i]);
        return m;
    }

    public int Classes => _counts.GetLength(0);

    /// <summary>How many samples of class <paramref name="truth"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>A copy of the counts, [truth, predicted].</summary>
    public int[,] Counts => (int[,])_counts.Clone();

    public int Total { get; private set; }

    public int Correct { get; private set; }

    public double Accuracy => Total == 0 ? double.NaN : Correct / (double)Total;

    /// <summary>Records one sample.</summary>
    public void Add(int truth, int predicted)
    {
        if ((uint)truth >= (uint)Classes || (uint)predicted >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(truth), $"ConfusionMatrix: classes must be in [0, {Classes}), got true {truth}, predicted {predicted}.");
        _counts[truth, predicted]++;
        Total++;
        if (truth == predicted) Correct++;
    }

    /// <summary>Of the samples predicted as <paramref name="c"/>, the fraction that are <paramref name="c"/> (NaN if none).</summary>
    public double Precision(int c)
    {
        int column = 0;
        for (int t = 0; t < Classes; t++) column += _counts[t, c];
        return column == 0 ? double.NaN : _counts[c, c] / (double)column;
    }

    /// <summary>Of the samples of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/> (NaN if none).</summary>
    public double Recall(int c)
    {
        int row = 0;
        for (int p = 0; p < Classes; p++) row += _counts[c, p];
        return row == 0 ? double.NaN : _counts[c, c] / (double)row;
    }

    /// <summary>The harmonic mean of precision and recall.</summary>
    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>The table with "true \ predicted" headers, then precision and recall per class.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        int width = Math.Max(5, _counts.Cast<int>().Max().ToString(inv).Length + 1);
        var sb = new StringBuilder();
        sb.Append("t\\p ");
        for (int p = 0; p < Classes; p++) sb.Append(p.ToString(inv).PadLeft(width));
        sb.AppendLine();
        for (int t = 0; t < Classes; t++)
        {
            sb.Append(t.ToString(inv).PadLeft(3)).Append(' ');
            for (int p = 0; p < Classes; p++) sb.Append(_counts[t, p].ToString(inv).PadLeft(width));
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine("class  precision  recall");
        for (int c = 0; c < Classes; c++)
            sb.AppendLine(string.Create(inv, $"{c,5}  {Precision(c),9:P2}  {Recall(c),6:P2}"));
        return sb.ToString().TrimEnd();
    }
}
