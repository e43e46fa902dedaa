using System.Globalization;

namespace NotebookNet.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks.</summary>
public sealed class NotebookRunnerOptions
{
    /// <summary>
    /// Culture the cells run under (current and default thread culture, restored afterwards), so numbers a notebook
    /// prints do not depend on the machine. Invariant by default.
    /// </summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>Receives one line per notebook and per cell as they run (null: silent).</summary>
    public TextWriter? Log { get; init; }
}
