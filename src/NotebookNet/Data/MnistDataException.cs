namespace NotebookNet.Data;

/// <summary>
/// A well-formed IDX file whose content is not valid MNIST data (a label outside 0..9, image and label counts that
/// differ); the message names the file and the offending value.
/// </summary>
public class MnistDataException : IOException
{
    public MnistDataException(string filePath, string message)
        : base($"'{filePath}': {message}") => FilePath = filePath;

    /// <summary>The file whose content is wrong.</summary>
    public string FilePath { get; }
}
