namespace NotebookNet.Data;

/// <summary>An IDX file (raw or gzipped) whose bytes do not form a valid IDX array; the message names the file.</summary>
public sealed class IdxFormatException : IOException
{
    public IdxFormatException(string filePath, string message, Exception? innerException = null)
        : base($"'{filePath}': {message}", innerException) => FilePath = filePath;

    /// <summary>The file that failed to parse.</summary>
    public string FilePath { get; }
}
