using System.Globalization;

namespace NotebookNet.Tests;

/// <summary>Accuracy floors over several seeds: the lowest and, when given, the median must clear theirs.</summary>
internal static class SeedFloors
{
    public static void Check(IReadOnlyList<double> accuracies, uint[] seeds, double minimum, double? median = null)
    {
        var sorted = accuracies.Order().ToArray();
        string all = string.Join(", ", accuracies.Select(a => a.ToString("P2", CultureInfo.InvariantCulture)));
        string which = $"(seeds {string.Join(",", seeds)}: {all})";
        Assert.True(sorted[0] >= minimum, $"lowest accuracy {sorted[0]:P2} < {minimum:P1} {which}");
        if (median is double floor)
            Assert.True(sorted[sorted.Length / 2] >= floor, $"median accuracy {sorted[sorted.Length / 2]:P2} < {floor:P1} {which}");
    }
}
