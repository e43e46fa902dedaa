namespace NotebookNet.Notebooks;

/// <summary>
/// The files generated from the notebooks of a folder: a <c>.dib</c> beside each <c>.ipynb</c> and a file-based app in
/// <c>apps/</c>. The <c>.ipynb</c> is the one source; <see cref="Write"/> regenerates, <see cref="Stale"/> tells what a
/// regeneration would change (the sync test).
/// </summary>
public static class NotebookTwins
{
    /// <summary>Every twin of the notebooks in <paramref name="folder"/>: its path and the text it must have.</summary>
    public static IReadOnlyList<(string Path, string Text)> Generate(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Notebook folder '{folder}' does not exist.");
        var twins = new List<(string, string)>();
        foreach (string notebook in Directory.GetFiles(folder, "*.ipynb").Where(IsNotebook).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(notebook);
            twins.Add((Path.Combine(folder, name + ".dib"), DibTwin.FromNotebook(notebook)));
            twins.Add((Path.Combine(folder, "apps", name + ".cs"), AppTwin.FromNotebook(notebook)));
        }
        if (twins.Count == 0) throw new FileNotFoundException($"No .ipynb in '{folder}'.");
        return twins;
    }

    /// <summary>Writes every twin (and deletes the twins of notebooks that no longer exist); returns the files it changed.</summary>
    public static IReadOnlyList<string> Write(string folder)
    {
        var changed = new List<string>();
        var twins = Generate(folder);
        foreach (var (path, text) in twins)
        {
            if (File.Exists(path) && File.ReadAllText(path) == text) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
            changed.Add(path);
        }
        foreach (string orphan in Orphans(folder, twins)) { File.Delete(orphan); changed.Add(orphan); }
        return changed;
    }

    /// <summary>The twins that are missing, differ from what the notebooks generate, or belong to no notebook.</summary>
    public static IReadOnlyList<string> Stale(string folder)
    {
        var twins = Generate(folder);
        return [.. twins.Where(t => !File.Exists(t.Path) || File.ReadAllText(t.Path) != t.Text).Select(t => t.Path), .. Orphans(folder, twins)];
    }

    // A hidden file or a test's scratch copy (*.lesson-run.ipynb) is not one of the series.
    private static bool IsNotebook(string path) =>
        !Path.GetFileName(path).StartsWith('.') && !path.EndsWith(".lesson-run.ipynb", StringComparison.Ordinal);

    private static IEnumerable<string> Orphans(string folder, IReadOnlyList<(string Path, string Text)> twins)
    {
        var expected = twins.Select(t => Path.GetFullPath(t.Path)).ToHashSet(StringComparer.Ordinal);
        string apps = Path.Combine(folder, "apps");
        var existing = Directory.GetFiles(folder, "*.dib").Concat(Directory.Exists(apps) ? Directory.GetFiles(apps, "*.cs") : []);
        return existing.Where(p => !expected.Contains(Path.GetFullPath(p))).Order(StringComparer.Ordinal);
    }
}
