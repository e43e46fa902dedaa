namespace NotebookNet.Interactive;

/// <summary>Where generated files go when code runs inside the repository: its <c>artifacts/</c> folder.</summary>
internal static class RepositoryFolder
{
    /// <summary>
    /// <c>artifacts/<paramref name="name"/></c> of the repository (the first folder holding NotebookNet.sln) that
    /// <paramref name="start"/> is in, or null outside one.
    /// </summary>
    public static string? Artifacts(string start, string name)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookNet.sln"))) return Path.Combine(dir.FullName, "artifacts", name);
        return null;
    }
}
