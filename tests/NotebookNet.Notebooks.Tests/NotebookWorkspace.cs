namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// A throw-away copy of the fixture notebooks: <c>ROOT/notebooks/*.ipynb</c> (with <c>img/</c>) and
/// <c>ROOT/lib/</c> holding NotebookNet.dll and MathNet.Numerics.dll, so a fixture's <c>#r "../lib/NotebookNet.dll"</c>
/// is a relative path resolved from the notebook's folder, as the project's notebooks reference the built library.
/// </summary>
public sealed class NotebookWorkspace : IDisposable
{
    public NotebookWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "notebooknet-notebooks-" + Guid.NewGuid().ToString("N")[..12]);
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Fixtures"), Notebooks);
        Directory.CreateDirectory(Lib);
        foreach (string dll in new[] { "NotebookNet.dll", "MathNet.Numerics.dll" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, dll), Path.Combine(Lib, dll));
    }

    public string Root { get; }

    public string Notebooks => Path.Combine(Root, "notebooks");

    public string Lib => Path.Combine(Root, "lib");

    public string Output => Path.Combine(Root, "out");

    public string Notebook(string name) => Path.Combine(Notebooks, name);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string dir in Directory.GetDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
