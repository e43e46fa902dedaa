namespace NotebookNet.Notebooks;

/// <summary>Why a notebook run stopped: which notebook, which cell (1-based, with its first line) and the error.</summary>
public sealed class CellFailure
{
    public CellFailure(string notebookPath, int cellNumber, string firstLine, string errorName, string message)
    {
        NotebookPath = notebookPath;
        CellNumber = cellNumber;
        FirstLine = firstLine;
        ErrorName = errorName;
        Message = message;
    }

    public string NotebookPath { get; }

    public string NotebookFile => Path.GetFileName(NotebookPath);

    /// <summary>1-based position among all cells (markdown included).</summary>
    public int CellNumber { get; }

    public string FirstLine { get; }

    /// <summary>The exception type name, or <c>CompilationError</c>.</summary>
    public string ErrorName { get; }

    public string Message { get; }

    public override string ToString() => $"{NotebookFile}, celda {CellNumber} ({FirstLine}): {ErrorName}: {Message}";
}
