namespace NotebookNet.Interactive.Tests;

/// <summary>The results file: values round-trip exactly under any culture, and a bad value or file is named.</summary>
public sealed class NotebookResultsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "notebooknet-results-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string? _before = Environment.GetEnvironmentVariable(NotebookResults.FolderVariable);

    public NotebookResultsTests() => Environment.SetEnvironmentVariable(NotebookResults.FolderVariable, _folder);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(NotebookResults.FolderVariable, _before);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Recorded_values_read_back_exactly_under_a_decimal_comma_culture()
    {
        using var culture = Culture.Spanish();
        Assert.Null(NotebookResults.Read("dense.test.accuracy"));
        NotebookResults.Record("dense.test.accuracy", 0.6152);
        NotebookResults.Record("dense.error.first", 1.0 / 3.0);
        NotebookResults.Record("dense.test.accuracy", 0.6153);

        Assert.Equal(0.6153, NotebookResults.Read("dense.test.accuracy"));
        Assert.Equal(1.0 / 3.0, NotebookResults.Read("dense.error.first"));
        Assert.Equal(2, NotebookResults.ReadAll().Count);
        Assert.Contains("0.6153", File.ReadAllText(NotebookResults.FilePath));
        Assert.Equal(Path.Combine(_folder, "results.json"), NotebookResults.FilePath);
    }

    [Fact]
    public void Values_that_are_not_finite_and_files_that_are_not_results_are_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookResults.Record("cnn.test.accuracy", double.NaN));
        Assert.Contains("cnn.test.accuracy", e.Message);

        Directory.CreateDirectory(_folder);
        File.WriteAllText(NotebookResults.FilePath, "[1, 2");
        var bad = Assert.Throws<InvalidDataException>(() => NotebookResults.Read("x"));
        Assert.Contains(NotebookResults.FilePath, bad.Message);
    }
}
