namespace NotebookNet.Notebooks;

/// <summary>A cell of a notebook after a run: its source, whether it ran, its outputs and how long it took.</summary>
public sealed class CellRun
{
    internal CellRun(int number, CellKind kind, string kernelName, string source)
    {
        Number = number;
        Kind = kind;
        KernelName = kernelName;
        Source = source;
    }

    /// <summary>1-based position among all the notebook's cells (markdown included), as an editor shows them.</summary>
    public int Number { get; }

    public CellKind Kind { get; }

    public string KernelName { get; }

    public string Source { get; }

    /// <summary>The first non-blank line of the source, trimmed: how messages name the cell.</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    /// <summary>Whether the code was submitted to the kernel (false for prose, empty cells and cells after a failure).</summary>
    public bool Executed { get; internal set; }

    /// <summary>The Jupyter <c>execution_count</c>; null when the cell did not run.</summary>
    public int? ExecutionCount { get; internal set; }

    public bool Failed { get; internal set; }

    public TimeSpan Elapsed { get; internal set; }

    public IReadOnlyList<CellOutput> Outputs => OutputList;

    internal List<CellOutput> OutputList { get; } = [];
}
