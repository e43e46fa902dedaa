using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NotebookNet.Interactive;

/// <summary>
/// The figures a notebook computes and others quote (an accuracy, a training time), kept in one JSON file instead of
/// printed for a test to scrape: later notebooks read them back (notebook 10 cites notebook 08's accuracy), and the
/// tests compare what every client (our runner, Jupyter, dotnet-repl, the file-based apps) recorded.
/// </summary>
/// <remarks>
/// The file is <c>results.json</c> in the folder named by the <c>NOTEBOOKNET_RESULTS</c> environment variable, or else
/// in <c>artifacts/results/</c> of the repository the current folder is in (the notebooks run from
/// <c>notebooks/</c>), or else in the current folder. Names are unique across the series (<c>dense.test.accuracy</c>),
/// values are written culture-invariant and round-trip exactly.
/// </remarks>
public static class NotebookResults
{
    /// <summary>The environment variable that chooses the results folder.</summary>
    public const string FolderVariable = "NOTEBOOKNET_RESULTS";

    private static readonly object Gate = new();

    /// <summary>The results file in use (see the remarks for how it is chosen).</summary>
    public static string FilePath => Path.Combine(Folder(), "results.json");

    /// <summary>Records <paramref name="value"/> under <paramref name="name"/>, replacing an earlier value.</summary>
    /// <exception cref="ArgumentException">The name is empty, or the value is not finite.</exception>
    public static void Record(string name, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(value)) throw new ArgumentException($"Result '{name}' is {value}: only finite values are recorded.", nameof(value));
        lock (Gate)
        {
            var all = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var (key, old) in ReadAll()) all[key] = old;
            all[name] = value;
            string path = FilePath;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
    }

    /// <summary>The value recorded under <paramref name="name"/>, or null when no notebook has recorded it yet.</summary>
    public static double? Read(string name) => ReadAll().TryGetValue(name, out double value) ? value : null;

    /// <summary>Every recorded value; empty when there is no results file yet.</summary>
    /// <exception cref="InvalidDataException">The file exists but is not a JSON object of numbers (names the file).</exception>
    public static IReadOnlyDictionary<string, double> ReadAll()
    {
        string path = FilePath;
        if (!File.Exists(path)) return new Dictionary<string, double>();
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a results file (a JSON object of numbers): {e.Message}", e);
        }
    }

    private static string Folder()
    {
        string? chosen = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(chosen)) return Path.GetFullPath(chosen);
        return RepositoryFolder.Artifacts(Environment.CurrentDirectory, "results") ?? Environment.CurrentDirectory;
    }
}
