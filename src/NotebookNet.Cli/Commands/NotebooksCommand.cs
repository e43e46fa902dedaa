using System.CommandLine;
using NotebookNet.Notebooks;

namespace NotebookNet.Cli;

/// <summary>
/// <c>notebooknet notebooks [files…] [--out DIR]</c>: runs notebooks headless on the .NET Interactive C# kernel
/// (every <c>notebooks/*.ipynb</c> of the repository, in name order, when no file is given), writes each executed
/// .ipynb and a self-contained HTML page plus <c>index.html</c> (default <c>artifacts/notebooks/</c>), prints a
/// table and exits 1 when any notebook failed.
/// </summary>
public static class NotebooksCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("NOTEBOOK.ipynb")
        {
            Description = "notebooks to run (default: every notebooks/*.ipynb of the repository)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = Root.Optional<string>("--out", "folder of the executed notebooks and HTML pages (default: artifacts/notebooks)");
        var command = new Command("notebooks", "runs notebooks headless and exports them to HTML") { files, output };
        command.SetAction(p => Run(p.GetValue(files) ?? [], p.GetValue(output)));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, string? outputFolder)
    {
        string? root = FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        List<string> notebooks;
        if (files.Count > 0)
        {
            notebooks = files.Select(Path.GetFullPath).ToList();
            var missing = notebooks.Where(n => !File.Exists(n)).ToList();
            if (missing.Count > 0)
            {
                foreach (string m in missing) Console.Error.WriteLine($"notebooks: no such notebook: {m}");
                return Root.Usage;
            }
        }
        else
        {
            if (root is null)
            {
                Console.Error.WriteLine("notebooks: no NotebookNet.sln above the current directory; name the notebooks to run (see notebooknet notebooks --help).");
                return Root.Usage;
            }
            string folder = Path.Combine(root, "notebooks");
            notebooks = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.ipynb").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToList()
                : [];
            if (notebooks.Count == 0)
            {
                Console.Error.WriteLine($"notebooks: no .ipynb files in {folder}");
                return Root.Usage;
            }
        }

        string output = Path.GetFullPath(outputFolder ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), "artifacts", "notebooks"));
        var runner = new NotebookRunner(new NotebookRunnerOptions { Log = Console.Out });
        var results = runner.RunAllAsync(notebooks).GetAwaiter().GetResult();
        var exported = new NotebookExporter(output).ExportAll(results);

        Console.WriteLine();
        Console.Write(RunSummary.Table(results));
        foreach (string warning in exported.SelectMany(e => e.Warnings)) Console.WriteLine($"warning: {warning}");
        Console.WriteLine($"Índice HTML: {Path.Combine(output, "index.html")}");
        return results.All(r => r.Succeeded) ? 0 : 1;
    }

    internal static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookNet.sln"))) return dir.FullName;
        }
        return null;
    }
}
