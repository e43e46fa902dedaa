using NotebookNet.Interactive.SourceCode;

namespace NotebookNet.Interactive;

/// <summary>
/// Shows the companion library's real source in a notebook, so the text explains the code that runs (no second copy).
/// The repository is found by walking up from the current directory (then from this assembly's folder) to the
/// directory holding NotebookNet.sln; the NOTEBOOKNET_ROOT environment variable overrides that.
/// </summary>
public static class Source
{
    /// <summary>Folder of the library's sources, relative to the repository root.</summary>
    public const string LibraryFolder = "src/NotebookNet";

    /// <summary>A whole file, e.g. <c>Source.Show("Layers/Dense.cs")</c> (relative to src/NotebookNet/).</summary>
    public static SourceView Show(string relativePath)
    {
        var (path, text) = Read(relativePath);
        return new SourceView(path, null, [new SourceView.Excerpt(1, text.TrimEnd('\r', '\n'))]);
    }

    /// <summary>Only the declarations of one type or member (every overload), with their doc comments,
    /// e.g. <c>Source.Show("Layers/Dense.cs", "Backward")</c>.</summary>
    public static SourceView Show(string relativePath, string member)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(member);
        var (path, text) = Read(relativePath);
        var ranges = MemberLocator.Find(text, member);
        if (ranges.Count == 0)
            throw new ArgumentException($"'{member}' is not declared in {path}.", nameof(member));
        var lineStarts = MemberLocator.LineStarts(text);
        var excerpts = ranges.Select(r => new SourceView.Excerpt(r.FirstLine + 1,
            string.Join("\n", Enumerable.Range(r.FirstLine, r.LastLine - r.FirstLine + 1)
                .Select(l => MemberLocator.LineText(text, lineStarts, l))))).ToArray();
        return new SourceView(path, member, Dedent(excerpts));
    }

    /// <summary>The repository root (the folder with NotebookNet.sln).</summary>
    public static string RepositoryRoot()
    {
        var overridden = Environment.GetEnvironmentVariable("NOTEBOOKNET_ROOT");
        if (!string.IsNullOrEmpty(overridden))
            return File.Exists(Path.Combine(overridden, "NotebookNet.sln"))
                ? Path.GetFullPath(overridden)
                : throw new DirectoryNotFoundException($"NOTEBOOKNET_ROOT is '{overridden}', which has no NotebookNet.sln.");
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "NotebookNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException(
            $"No NotebookNet.sln above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; " +
            "open the notebook inside the repository or set NOTEBOOKNET_ROOT.");
    }

    /// <summary>The file's full path; the relative path may also start with "src/".</summary>
    public static string FullPath(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        string normalized = relativePath.Replace('\\', '/').TrimStart('/');
        if (Path.IsPathRooted(relativePath) || normalized.Split('/').Contains(".."))
            throw new ArgumentException($"'{relativePath}' must be a path inside {LibraryFolder}/, e.g. \"Layers/Dense.cs\".", nameof(relativePath));
        string repositoryRelative = normalized.StartsWith("src/", StringComparison.Ordinal) ? normalized : $"{LibraryFolder}/{normalized}";
        return Path.Combine(RepositoryRoot(), repositoryRelative);
    }

    private static (string DisplayPath, string Text) Read(string relativePath)
    {
        string full = FullPath(relativePath);
        string display = Path.GetRelativePath(RepositoryRoot(), full).Replace('\\', '/');
        if (!File.Exists(full))
            throw new FileNotFoundException($"Source file '{display}' not found (looked at {full}).", full);
        return (display, File.ReadAllText(full).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>Removes the indentation all excerpt lines share, so a method does not start eight spaces in.</summary>
    private static SourceView.Excerpt[] Dedent(SourceView.Excerpt[] excerpts)
    {
        int common = excerpts.SelectMany(e => e.Text.Split('\n')).Where(l => l.Trim().Length > 0)
            .Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        if (common == 0) return excerpts;
        return excerpts.Select(e => e with
        {
            Text = string.Join("\n", e.Text.Split('\n').Select(l => l.Length >= common && l[..common].Trim().Length == 0 ? l[common..] : l.TrimStart(' '))),
        }).ToArray();
    }
}
