using System.Security.Cryptography;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;
using NotebookNet.Persistence;
using static NotebookNet.Training.Tutorial;

namespace NotebookNet.Tests.Persistence;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nnet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Layer<T>[] Network<T>(uint seed, int hidden = 5) where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        return [new Dense<T>(6, hidden, rng: rng), new Tanh<T>(), new Dense<T>(hidden, 3, rng: rng), new Softmax<T>()];
    }

    private string Saved(out Layer<double>[] network)
    {
        network = Network<double>(1);
        string path = Path.Combine(_dir, "model.nnet");
        ModelFile.Save(path, network, "tiny");
        return path;
    }

    [Fact]
    public void Save_then_load_gives_identical_predictions()
    {
        string path = Saved(out var original);
        var restored = Network<double>(2);
        var x = Matrix<double>.Build.Dense(6, 4, (i, j) => i - 2.5 * j);
        Assert.NotEqual(Predict(original, x), Predict(restored, x));
        var header = ModelFile.Load(path, restored);
        Assert.Equal(Predict(original, x), Predict(restored, x));
        Assert.Equal(("tiny", ModelFile.CurrentVersion, 8), (header.ModelId, header.Version, header.ElementSize));
        Assert.Equal(["model.nnet"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Float_networks_round_trip_too_and_saving_replaces_the_old_file()
    {
        string path = Path.Combine(_dir, "f.nnet");
        ModelFile.Save(path, Network<float>(3));
        var network = Network<float>(4);
        ModelFile.Save(path, network);
        var restored = Network<float>(5);
        ModelFile.Load(path, restored);
        var x = Matrix<float>.Build.Dense(6, 2, (i, j) => i * 0.1f - j);
        Assert.Equal(Predict(network, x), Predict(restored, x));
    }

    [Fact]
    public void Another_architecture_is_refused_and_the_network_is_untouched()
    {
        string path = Saved(out _);
        var other = Network<double>(2, hidden: 7);
        var before = ((Dense<double>)other[0]).Weights.Clone();
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, other));
        Assert.Contains("another architecture", error.Message);
        Assert.Contains("dense 6 7", error.Message);
        Assert.Contains("dense 6 5", error.Message);
        Assert.Equal(before, ((Dense<double>)other[0]).Weights);
    }

    [Fact]
    public void The_architecture_is_each_layers_code_so_a_reworded_name_still_loads()
    {
        Layer<double>[] Net(string name, uint seed) => [new Dense<double>(6, 3, rng: new Rng(seed)), new Labelled(name)];
        string path = Path.Combine(_dir, "labelled.nnet");
        var saved = Net("old wording", 1);
        ModelFile.Save(path, saved);
        Assert.Equal("dense 6 3\nlabelled", ModelFile.ReadHeader(path).Architecture);
        var restored = Net("new wording", 2);
        ModelFile.Load(path, restored);
        Assert.Equal(((Dense<double>)saved[0]).Weights, ((Dense<double>)restored[0]).Weights);
    }

    [Fact]
    public void A_version_1_file_written_before_layer_codes_still_loads_and_classifies()
    {
        // Written by `notebooknet train --model small-cnn --epochs 1` (seed 0) before version 2; its architecture lists names.
        string path = Path.Combine(AppContext.BaseDirectory, "Persistence", "Fixtures", "small-cnn-v1.nnet");
        var model = Models.SmallCnn(new Rng(7));
        var header = ModelFile.Load(path, model);
        Assert.Equal((1, "small-cnn"), (header.Version, header.ModelId));
        Assert.StartsWith("Convolutional(1x28x28 → 8x26x26)", header.Architecture);
        var (_, test) = NotebookNet.Data.Mnist.Load();
        Assert.True(NotebookNet.Evaluation.EvaluationReport.Evaluate(model, test).Accuracy >= 0.97);
    }

    /// <summary>A layer whose display name is whatever it is given; its code is the default, "labelled".</summary>
    private sealed class Labelled(string name) : Layer<double>
    {
        public override string Name => name;
        public override Matrix<double> Forward(Matrix<double> input) => Output = Input = input;
        public override Matrix<double> Backward(Matrix<double> outputGradient) => outputGradient;
    }

    [Fact]
    public void Element_type_mismatch_is_refused()
    {
        string path = Saved(out _);
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Network<float>(1)));
        Assert.Contains("64-bit", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Truncated_file_is_refused(int cut)
    {
        string path = Saved(out _);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^cut]);
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Network<double>(1)));
        Assert.Contains(path, error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Altered_byte_is_refused()
    {
        string path = Saved(out _);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Network<double>(1))).Message);
    }

    [Fact]
    public void Newer_version_is_refused_with_its_number()
    {
        string path = Saved(out _);
        var bytes = File.ReadAllBytes(path);
        bytes[4] = ModelFile.CurrentVersion + 1;
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Network<double>(1)));
        Assert.Contains("newer", error.Message);
        Assert.Contains($"version {ModelFile.CurrentVersion + 1}", error.Message);
    }

    [Fact]
    public void Not_a_model_and_missing_file_are_named()
    {
        string path = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(path, "hello, this is not a model at all, just some text bytes");
        Assert.Contains("NNET", Assert.Throws<ModelFileException>(() => ModelFile.Load(path, Network<double>(1))).Message);
        string missing = Path.Combine(_dir, "missing.nnet");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => ModelFile.Load(missing, Network<double>(1))).Message);
    }
}
