using Microsoft.DotNet.Interactive.Documents;

namespace NotebookNet.Notebooks;

/// <summary>A notebook after a run: every cell with its outputs, timings, and the failure that stopped it, if any.</summary>
public sealed class NotebookRunResult
{
    internal NotebookRunResult(string path, string sourceJson, InteractiveDocument document, IReadOnlyList<CellRun> cells)
    {
        NotebookPath = path;
        SourceJson = sourceJson;
        Document = document;
        Cells = cells;
        Title = NotebookTitle.Of(cells, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Full path of the notebook that ran.</summary>
    public string NotebookPath { get; }

    public string FileName => Path.GetFileName(NotebookPath);

    /// <summary>The text of the first markdown heading, else the file name without extension.</summary>
    public string Title { get; }

    public IReadOnlyList<CellRun> Cells { get; }

    /// <summary>Time to create the kernel (C# kernel, NuGet directive, helpers) before the first cell.</summary>
    public TimeSpan KernelStartup { get; internal set; }

    /// <summary>Wall time of the whole notebook, kernel start-up and disposal included.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>What stopped the run, or null when every cell ran.</summary>
    public CellFailure? Failure { get; internal set; }

    public bool Succeeded => Failure is null;

    /// <summary>Count of code cells that were submitted to the kernel.</summary>
    public int ExecutedCells => Cells.Count(c => c.Executed);

    /// <summary>The notebook as read (JSON text): its metadata and cell ids are kept when the executed copy is written.</summary>
    internal string SourceJson { get; }

    internal InteractiveDocument Document { get; }
}
