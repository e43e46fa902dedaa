namespace NotebookNet.Notebooks;

/// <summary>The Jupyter output types a code cell can produce.</summary>
public enum OutputKind
{
    /// <summary>A <c>display(...)</c> value (Jupyter <c>display_data</c>); may be replaced later by an update.</summary>
    Display,

    /// <summary>The value of the cell's last expression (Jupyter <c>execute_result</c>).</summary>
    ReturnValue,

    /// <summary>Text written to <see cref="Console.Out"/>.</summary>
    StandardOutput,

    /// <summary>Text written to <see cref="Console.Error"/>.</summary>
    StandardError,

    /// <summary>A compile error or an exception that stopped the cell.</summary>
    Error,
}
