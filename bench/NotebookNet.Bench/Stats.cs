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

    /// <summary>"1.230 s (median of 3, spread 1.210-1.300: 1.210 1.230 1.300)" — the median, the range and every run, invariant culture.</summary>
    public static string Describe(IReadOnlyList<double> seconds) => seconds.Count == 1
        ? FormattableString.Invariant($"{seconds[0]:F3} s")
        : FormattableString.Invariant($"{Median(seconds):F3} s (median of {seconds.Count}, spread {seconds.Min():F3}-{seconds.Max():F3}: ") +
          string.Join(" ", seconds.Select(s => s.ToString("F3", System.Globalization.CultureInfo.InvariantCulture))) + ")";

    /// <summary>"5.10x (2.3-6.0x)": the ratio of the medians, and the least and most it could be from the runs.</summary>
    public static string Ratio(IReadOnlyList<double> slower, IReadOnlyList<double> faster) => FormattableString.Invariant(
        $"{Median(slower) / Median(faster):F2}x (runs give {slower.Min() / faster.Max():F2}-{slower.Max() / faster.Min():F2}x)");
}
