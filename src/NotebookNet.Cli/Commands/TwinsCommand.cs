using System.CommandLine;
using NotebookNet.Notebooks;

namespace NotebookNet.Cli;

/// <summary>
/// <c>notebooknet twins [--check]</c>: regenerates what is generated from the notebooks (a <c>.dib</c> beside each
/// <c>notebooks/*.ipynb</c>, a file-based app in <c>notebooks/apps/</c>) and lists the files it changed; with
/// <c>--check</c> it changes nothing and exits 1 when any twin is stale.
/// </summary>
public static class TwinsCommand
{
    public static Command Create()
    {
        var check = new Option<bool>("--check") { Description = "change nothing; exit 1 when a twin is stale" };
        var command = new Command("twins", "regenerates the .dib and file-based-app twins of notebooks/*.ipynb") { check };
        command.SetAction(p => Run(p.GetValue(check)));
        return command;
    }

    public static int Run(bool check)
    {
        string root = NotebooksCommand.FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? NotebooksCommand.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("twins: run it inside the repository (no NotebookNet.sln above the current folder).");
        string folder = Path.Combine(root, "notebooks");
        if (check)
        {
            var stale = NotebookTwins.Stale(folder);
            foreach (string path in stale) Console.WriteLine($"desactualizado: {Path.GetRelativePath(root, path)}");
            Console.WriteLine(stale.Count == 0 ? "twins: al día" : $"twins: {stale.Count} desactualizados; regenera con `notebooknet twins`");
            return stale.Count == 0 ? 0 : 1;
        }
        var changed = NotebookTwins.Write(folder);
        foreach (string path in changed) Console.WriteLine($"escrito: {Path.GetRelativePath(root, path)}");
        Console.WriteLine($"twins: {changed.Count} archivos cambiados");
        return 0;
    }
}
