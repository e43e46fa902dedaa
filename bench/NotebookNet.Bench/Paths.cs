namespace NotebookNet.Bench;

/// <summary>Finds the repository's folders from wherever the benchmark runs (repo root, bench/, or bin/).</summary>
public static class Paths
{
    /// <summary>The nearest ancestor of the current or the executable's folder that holds <paramref name="relative"/>.</summary>
    public static string? FindUp(string relative)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    public static string Require(string relative, string what) =>
        FindUp(relative) ?? throw new FileNotFoundException(
            $"Cannot find {what} ('{relative}') above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'.");
}
