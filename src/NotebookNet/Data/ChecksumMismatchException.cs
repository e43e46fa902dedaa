namespace NotebookNet.Data;

/// <summary>A data file whose decompressed content does not have the published SHA-256.</summary>
public sealed class ChecksumMismatchException : MnistDataException
{
    public ChecksumMismatchException(string filePath, string expectedSha256, string actualSha256, string hint)
        : base(filePath, $"SHA-256 of the decompressed content is {actualSha256}, expected {expectedSha256}. {hint}")
        => (ExpectedSha256, ActualSha256) = (expectedSha256, actualSha256);

    /// <summary>The published hash, lowercase hex.</summary>
    public string ExpectedSha256 { get; }

    /// <summary>The hash of what the file holds, lowercase hex.</summary>
    public string ActualSha256 { get; }
}
