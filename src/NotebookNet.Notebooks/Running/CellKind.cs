namespace NotebookNet.Notebooks;

/// <summary>What a notebook cell holds: prose, code for a kernel, or raw text that is neither rendered nor run.</summary>
public enum CellKind
{
    Markdown,
    Code,
    Raw,
}
