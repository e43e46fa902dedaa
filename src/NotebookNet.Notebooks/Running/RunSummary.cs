using System.Globalization;
using System.Text;

namespace NotebookNet.Notebooks;

/// <summary>A plain-text table of notebook runs (notebook, cells run, seconds, status), culture-invariant, in Spanish.</summary>
public static class RunSummary
{
    public static string Table(IReadOnlyList<NotebookRunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = new List<string[]> { new[] { RunnerText.Notebook, RunnerText.Cells, RunnerText.Seconds, RunnerText.KernelSeconds, RunnerText.Status } };
        foreach (var r in results)
        {
            int code = r.Cells.Count(c => c.Kind == CellKind.Code);
            rows.Add(
            [
                r.FileName,
                $"{r.ExecutedCells.ToString(CultureInfo.InvariantCulture)}/{code.ToString(CultureInfo.InvariantCulture)}",
                Seconds(r.Elapsed),
                Seconds(r.KernelStartup),
                r.Failure is { } f ? RunnerText.FailedAtCell(f.CellNumber).ToUpperInvariant() : RunnerText.Ok,
            ]);
        }
        var total = TimeSpan.FromTicks(results.Sum(r => r.Elapsed.Ticks));
        var startup = TimeSpan.FromTicks(results.Sum(r => r.KernelStartup.Ticks));
        rows.Add([RunnerText.Total, "", Seconds(total), Seconds(startup), RunnerText.OkOf(results.Count(r => r.Succeeded), results.Count)]);

        int[] widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(row => row[i].Length)).ToArray();
        var text = new StringBuilder();
        for (int r = 0; r < rows.Count; r++)
        {
            if (r == rows.Count - 1) text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
            var cells = rows[r].Select((cell, i) => i is 1 or 2 or 3 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
            if (r == 0) text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        }
        foreach (var failure in results.Select(r => r.Failure).OfType<CellFailure>()) text.AppendLine(failure.ToString());
        return text.ToString();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
