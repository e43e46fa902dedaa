using System.Security.Cryptography;
using NotebookNet.Layers;
using NotebookNet.Persistence;

namespace NotebookNet.Tests.Persistence;

/// <summary>
/// Model files a loader must refuse (version 0, non-finite weights, an id no catalog model has) with a
/// <see cref="ModelFileException"/> naming the file, and the temp files a killed save leaves, cleaned by the next save.
/// </summary>
public sealed class ModelFileRefusalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nnet-refusal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Layer<double>[] Network(uint seed)
    {
        var rng = new Rng(seed);
        return [new Dense<double>(6, 5, rng: rng), new Tanh<double>(), new Dense<double>(5, 3, rng: rng)];
    }

    private static void Rehash(byte[] bytes) => SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);

    [Fact]
    public void Version_0_is_refused_naming_the_file()
    {
        string path = Path.Combine(_dir, "v0.nnet");
        ModelFile.Save(path, Network(1), "tiny");
        var bytes = File.ReadAllBytes(path);
        bytes[4] = 0;
        Rehash(bytes);
        File.WriteAllBytes(path, bytes);

        foreach (var load in new Action[] { () => ModelFile.ReadHeader(path), () => ModelFile.Load(path, Network(2)) })
        {
            var e = Assert.Throws<ModelFileException>(load);
            Assert.Contains(path, e.Message);
            Assert.Contains("version 0", e.Message);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_weights_are_refused_and_the_network_is_untouched(double bad)
    {
        var saved = Network(1);
        ((Dense<double>)saved[2]).Weights[1, 3] = bad;
        string path = Path.Combine(_dir, "nan.nnet");
        ModelFile.Save(path, saved, "tiny");

        var target = Network(2);
        var before = ((Dense<double>)target[0]).Weights.Clone();
        var e = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, target));
        Assert.Contains(path, e.Message);
        Assert.Contains("2.weights", e.Message);
        Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Equal(before, ((Dense<double>)target[0]).Weights);
    }

    [Fact]
    public void An_unknown_model_id_is_refused_naming_the_file_and_the_known_models()
    {
        string path = Path.Combine(_dir, "unknown.nnet");
        ModelFile.Save(path, Network(1), "resnet-152");
        var e = Assert.Throws<ModelFileException>(() => ModelCatalog.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("resnet-152", e.Message);
        Assert.Contains("small-cnn", e.Message);
    }

    [Fact]
    public void A_catalog_model_file_loads_back_into_its_network()
    {
        var model = ModelCatalog.Get("small-cnn").Build(new Rng(3));
        string path = Path.Combine(_dir, "small.nnet");
        ModelFile.Save(path, model, "small-cnn");
        var (loaded, header) = ModelCatalog.Load(path);
        Assert.Equal("small-cnn", header.ModelId);
        Assert.Equal(ModelFile.Architecture(model), ModelFile.Architecture(loaded));
        Assert.Equal(model.Parameters.Select(p => p.Value), loaded.Parameters.Select(p => p.Value));
    }

    [Fact]
    public void A_save_removes_the_temp_files_a_killed_save_of_the_same_target_left()
    {
        string path = Path.Combine(_dir, "model.nnet");
        // A process id above Linux's pid_max (2^22) and Windows' range is never running.
        string stale = $"{path}.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp";
        string live = $"{path}.{Environment.ProcessId}.fedcba9876543210fedcba9876543210.tmp"; // a save in progress
        string other = Path.Combine(_dir, $"other.nnet.{int.MaxValue}.0123456789abcdef0123456789abcdef.tmp");
        foreach (string f in new[] { stale, live, other }) File.WriteAllBytes(f, new byte[1000]);

        ModelFile.Save(path, Network(1), "tiny");

        Assert.False(File.Exists(stale), "the stale temp file of the same target is left");
        Assert.True(File.Exists(live), "a temp file of a running process was removed");
        Assert.True(File.Exists(other), "another target's temp file was removed");
        Assert.True(File.Exists(path));
    }
}
