using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Notebooks;

/// <summary>
/// Turns one notebook's kernel events into cell outputs, the way a notebook front end does: stream text is appended
/// (consecutive writes merged), and an updated display replaces the earlier output in place, in whichever cell it was
/// first shown, so a live view ends as its last state.
/// </summary>
/// <remarks>
/// In Microsoft.DotNet.Interactive 1.0.0-beta.26120.1, <c>display(x)</c> and <c>x.Display()</c> announce one
/// <c>DisplayedValue</c> and return another (<c>System.DisplayExtensions</c> constructs it twice), so the handle's
/// <c>Update</c> publishes under an id no display was shown with. Such an update is matched once, and remembered, to
/// the display it most likely continues: the one showing the very object updated; else, among the displays of the
/// cell where the update happens (or of the whole notebook when that cell shows none) that no other update claimed,
/// the one of the same type whose content looks most alike, the latest on a tie.
/// Displays published with a consistent id (NuGet restore progress, or
/// <c>KernelInvocationContextExtensions.Display(KernelInvocationContext.Current, value, mimeTypes)</c>, whose handle
/// keeps the id) are matched exactly.
/// </remarks>
internal sealed class OutputCollector
{
    private sealed record Shown(string Id, CellRun Cell, object? Value, string Content);

    private readonly Dictionary<string, Shown> _displays = new(StringComparer.Ordinal);
    private readonly List<Shown> _order = [];
    private readonly HashSet<string> _updatedDirectly = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Shown> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aliasTargets = new(StringComparer.Ordinal);

    /// <summary>Adds the outputs one event carries to <paramref name="cell"/> (or to the cell a display lives in).</summary>
    public void Add(CellRun cell, KernelEvent kernelEvent)
    {
        switch (kernelEvent)
        {
            case StandardOutputValueProduced stdout:
                AppendStream(cell, OutputKind.StandardOutput, TextOf(stdout));
                break;
            case StandardErrorValueProduced stderr:
                AppendStream(cell, OutputKind.StandardError, TextOf(stderr));
                break;
            case DisplayedValueUpdated updated:
                Update(cell, updated);
                break;
            case DisplayedValueProduced produced:
                Produce(cell, produced);
                break;
            case ReturnValueProduced returned when DataOf(returned) is { Count: > 0 } data:
                cell.OutputList.Add(new CellOutput(OutputKind.ReturnValue, data));
                break;
            case ErrorProduced error:
                cell.OutputList.Add(new CellOutput(OutputKind.Error,
                    new Dictionary<string, string> { [CellOutput.PlainText] = error.Message }, errorName: "Error"));
                break;
        }
    }

    private void Produce(CellRun cell, DisplayedValueProduced produced)
    {
        var data = DataOf(produced);
        if (data.Count == 0) return;
        string id = string.IsNullOrEmpty(produced.ValueId) ? Guid.NewGuid().ToString() : produced.ValueId;
        cell.OutputList.Add(new CellOutput(OutputKind.Display, data, id));
        var shown = new Shown(id, cell, produced.Value, Sample(data));
        _displays[id] = shown;
        _order.Add(shown);
    }

    private void Update(CellRun cell, DisplayedValueUpdated updated)
    {
        var data = DataOf(updated);
        string id = updated.ValueId ?? "";
        Shown? target;
        if (_displays.TryGetValue(id, out target)) _updatedDirectly.Add(id);
        else if (!_aliases.TryGetValue(id, out target))
        {
            target = Guess(cell, updated.Value, Sample(data));
            if (target is null)
            {
                // Nothing to replace: show it where it happened, and let later updates with this id replace it.
                var produced = new DisplayedValueProduced(updated.Value, updated.Command, updated.FormattedValues, id);
                Produce(cell, produced);
                return;
            }
            _aliases[id] = target;
            _aliasTargets.Add(target.Id);
        }
        if (data.Count == 0) return;
        var outputs = target.Cell.OutputList;
        int index = outputs.FindIndex(o => o.DisplayId == target.Id);
        if (index >= 0) outputs[index] = new CellOutput(OutputKind.Display, data, target.Id);
    }

    private Shown? Guess(CellRun cell, object? value, string content)
    {
        var unclaimed = _order.Where(s => !_updatedDirectly.Contains(s.Id) && !_aliasTargets.Contains(s.Id)).ToList();
        if (value is not null && !value.GetType().IsValueType && value is not string)
        {
            var same = unclaimed.LastOrDefault(s => ReferenceEquals(s.Value, value));
            if (same is not null) return same;
        }
        var here = unclaimed.Where(s => s.Cell == cell).ToList();
        var candidates = here.Count > 0 ? here : unclaimed;
        Shown? best = null;
        double bestScore = double.MinValue;
        foreach (var candidate in candidates)
        {
            double score = (candidate.Value?.GetType() == value?.GetType() ? 1 : 0) + Likeness(candidate.Content, content);
            if (score >= bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    /// <summary>What a display shows, cut short: enough to tell a chart from a progress line.</summary>
    private static string Sample(IReadOnlyDictionary<string, string> data)
    {
        string text = data.Values.FirstOrDefault() ?? "";
        return text.Length <= 2048 ? text : text[..2048];
    }

    /// <summary>Share of character trigrams two texts have in common (Jaccard), from 0 to 1.</summary>
    private static double Likeness(string a, string b)
    {
        static HashSet<string> Trigrams(string s)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i + 3 <= s.Length; i++) set.Add(s.Substring(i, 3));
            return set;
        }
        var (x, y) = (Trigrams(a), Trigrams(b));
        if (x.Count == 0 && y.Count == 0) return a == b ? 1 : 0;
        int common = x.Count(y.Contains);
        return (double)common / (x.Count + y.Count - common);
    }

    private static void AppendStream(CellRun cell, OutputKind kind, string text)
    {
        if (text.Length == 0) return;
        var outputs = cell.OutputList;
        if (outputs.Count > 0 && outputs[^1].Kind == kind)
        {
            text = outputs[^1].Text + text;
            outputs.RemoveAt(outputs.Count - 1);
        }
        outputs.Add(CellOutput.Stream(kind, text));
    }

    private static string TextOf(DisplayEvent e) =>
        string.Concat(e.FormattedValues.Where(v => v.MimeType == CellOutput.PlainText).Select(v => v.Value));

    private static Dictionary<string, string> DataOf(DisplayEvent e)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (FormattedValue value in e.FormattedValues ?? [])
        {
            if (!value.SuppressDisplay && value.Value is not null) data.TryAdd(value.MimeType, value.Value);
        }
        return data;
    }
}
