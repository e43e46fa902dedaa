namespace NotebookNet.Bench;

/// <summary>Small helpers for timings.</summary>
public static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>"1.23 s (runs: 1.21 1.23 1.30)" — the median and every run, invariant culture.</summary>
    public static string Describe(IReadOnlyList<double> seconds) => seconds.Count == 1
        ? FormattableString.Invariant($"{seconds[0]:F3} s")
        : FormattableString.Invariant($"{Median(seconds):F3} s (median of {seconds.Count}: ") +
          string.Join(" ", seconds.Select(s => s.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))) + ")";
}
