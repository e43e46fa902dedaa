namespace NotebookNet.Notebooks;

/// <summary>Where an executed notebook was written, and what the export could not embed.</summary>
public sealed record ExportedNotebook(NotebookRunResult Result, string HtmlPath, string NotebookPath, IReadOnlyList<string> Warnings);
