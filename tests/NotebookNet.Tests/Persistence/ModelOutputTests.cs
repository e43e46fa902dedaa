using NotebookNet.Layers;
using NotebookNet.Persistence;

namespace NotebookNet.Tests.Persistence;

/// <summary>A training run's output: checked before the run, and saved elsewhere rather than lost when it fails at the end.</summary>
public sealed class ModelOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nnet-output-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Layer<double>[] Network() => [new Dense<double>(3, 2, rng: new Rng(4))];

    private string Unwritable()
    {
        string file = Path.Combine(_dir, "a-file");
        File.WriteAllText(file, "");
        return Path.Combine(file, "model.nnet"); // below a file: no one can create it, not even root
    }

    [Fact]
    public void An_unwritable_path_fails_the_check_naming_it()
    {
        string path = Unwritable();
        var e = Assert.Throws<IOException>(() => ModelOutput.CheckWritable(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_folder_is_not_a_model_path()
    {
        var e = Assert.Throws<IOException>(() => ModelOutput.CheckWritable(_dir));
        Assert.Contains(_dir, e.Message);
        Assert.Contains("folder", e.Message);
    }

    [Fact]
    public void A_writable_path_passes_the_check_and_nothing_is_left_behind()
    {
        string path = Path.Combine(_dir, "sub", "model.nnet");
        ModelOutput.CheckWritable(path);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "sub")));
    }

    [Fact]
    public void A_failed_save_falls_back_to_a_free_name_and_says_why()
    {
        string path = Unwritable();
        var network = Network();
        var (saved, failure) = ModelOutput.SaveWithFallback(path, network, "tiny");
        try
        {
            Assert.NotEqual(Path.GetFullPath(path), saved);
            Assert.NotNull(failure);
            Assert.Contains(path, failure);
            var restored = Network();
            ((Dense<double>)restored[0]).Weights.Clear();
            ModelFile.Load(saved, restored);
            Assert.Equal(((Dense<double>)network[0]).Weights, ((Dense<double>)restored[0]).Weights);
        }
        finally
        {
            File.Delete(saved);
        }
    }

    [Fact]
    public void A_save_that_works_reports_no_failure()
    {
        string path = Path.Combine(_dir, "model.nnet");
        var (saved, failure) = ModelOutput.SaveWithFallback(path, Network(), "tiny");
        Assert.Equal(path, saved);
        Assert.Null(failure);
    }
}
