using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks;

/// <summary>A notebook's title: its first markdown heading, without markup.</summary>
internal static partial class NotebookTitle
{
    public static string Of(IEnumerable<CellRun> cells, string fallback)
    {
        foreach (var cell in cells.Where(c => c.Kind == CellKind.Markdown))
        {
            foreach (var line in cell.Source.Split('\n'))
            {
                var match = Heading().Match(line);
                if (match.Success)
                {
                    string text = Markup().Replace(match.Groups[1].Value, "").Trim();
                    if (text.Length > 0) return text;
                }
            }
        }
        return fallback;
    }

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    // Emphasis marks and inline code ticks; link targets are dropped by keeping only the bracketed text.
    [GeneratedRegex(@"[*_`]|\]\([^)]*\)|\[")]
    private static partial Regex Markup();
}
