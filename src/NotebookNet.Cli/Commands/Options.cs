using System.Globalization;

namespace NotebookNet.Cli;

/// <summary>Minimal <c>--name value</c> option parsing, culture-invariant, with errors that name the option.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public Options(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                string name = args[i][2..];
                bool isFlag = i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal);
                _values[name] = isFlag ? "true" : args[++i];
            }
            else _positional.Add(args[i]);
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Has(string name) => _values.ContainsKey(name);

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => Parse(name, fallback, s => int.Parse(s, CultureInfo.InvariantCulture));

    public double Double(string name, double fallback) =>
        Parse(name, fallback, s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture));

    private T Parse<T>(string name, T fallback, Func<string, T> parse)
    {
        if (!_values.TryGetValue(name, out var text)) return fallback;
        try { return parse(text); }
        catch (FormatException) { throw new ArgumentException($"--{name}: '{text}' is not a valid {typeof(T).Name} (use '.' for decimals)."); }
    }
}
