using System.Globalization;

namespace NotebookNet.Bench;

/// <summary>The command line: a subcommand followed by <c>--name value</c> pairs and <c>--flag</c>s.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public Options(string command, IEnumerable<string> arguments)
    {
        Command = command;
        using var e = arguments.GetEnumerator();
        string? pending = null;
        while (e.MoveNext())
        {
            var a = e.Current;
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (pending is not null) _values[pending] = null;
                pending = a[2..];
            }
            else if (pending is not null)
            {
                _values[pending] = a;
                pending = null;
            }
            else throw new ArgumentException($"Unexpected argument '{a}' (options are --name value).");
        }
        if (pending is not null) _values[pending] = null;
    }

    public string Command { get; }

    public bool Flag(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) && (v is null || v is "true" or "1" or "yes");
    }

    public string? String(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var v) ? v ?? throw new ArgumentException($"--{name} needs a value.") : null;
    }

    public int Int(string name, int fallback)
    {
        var s = String(name);
        if (s is null) return fallback;
        return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 0
            ? v
            : throw new ArgumentException($"--{name} must be a non-negative integer, got '{s}'.");
    }

    /// <summary>Fails on options no command asked for, so a typo does not silently run the defaults.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }
}
