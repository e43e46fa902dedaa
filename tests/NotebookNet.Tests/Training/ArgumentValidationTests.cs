using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

/// <summary>
/// Public entry points refuse bad numbers naming the parameter and the value, and training blames the data, not the
/// learning rate, when the data is what is wrong.
/// </summary>
public sealed class ArgumentValidationTests
{
    private static (Layer<double>[] Network, Matrix<double>[] X, Matrix<double>[] Y) Tiny()
    {
        var rng = new Rng(5);
        Layer<double>[] network = [new Dense<double>(2, 3, rng: rng), new Tanh<double>(), new Dense<double>(3, 1, rng: rng)];
        var x = new[] { Matrix<double>.Build.Dense(2, 1, [0.0, 1.0]), Matrix<double>.Build.Dense(2, 1, [1.0, 0.0]) };
        var y = new[] { Matrix<double>.Build.Dense(1, 1, [1.0]), Matrix<double>.Build.Dense(1, 1, [0.0]) };
        return (network, x, y);
    }

    [Fact]
    public void Tutorial_train_refuses_negative_epochs_naming_the_parameter_and_value()
    {
        var (network, x, y) = Tiny();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tutorial.Train(network, Loss.Mse, Loss.MsePrime, x, y, epochs: -1, verbose: false));
        Assert.Equal("epochs", e.ParamName);
        Assert.Contains("-1", e.Message);
    }

    public static TheoryData<double> BadRates => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.1 };

    [Theory]
    [MemberData(nameof(BadRates))]
    public void Tutorial_train_refuses_a_bad_learning_rate_before_touching_the_weights(double rate)
    {
        var (network, x, y) = Tiny();
        var before = ((Dense<double>)network[0]).Weights.Clone();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Tutorial.Train(network, Loss.Mse, Loss.MsePrime, x, y, epochs: 1, learningRate: rate, verbose: false));
        Assert.Equal("learningRate", e.ParamName);
        Assert.Contains(rate.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Equal(before, ((Dense<double>)network[0]).Weights);
    }

    [Theory]
    [MemberData(nameof(BadRates))]
    public void Backward_with_a_learning_rate_refuses_a_bad_one(double rate)
    {
        var (network, x, _) = Tiny();
        foreach (var layer in new Layer<double>[] { network[0], network[1] })
        {
            var output = layer.Forward(layer == network[0] ? x[0] : network[0].Forward(x[0]));
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Backward(output, rate));
            Assert.Equal("learningRate", e.ParamName);
            Assert.Contains(layer.Name, e.Message);
        }
    }

    [Fact]
    public void Sgd_names_the_nan_it_was_given_not_a_rate_of_zero()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<float>(double.NaN));
        Assert.Contains("NaN", e.Message);
        Assert.DoesNotContain("lr=0", e.Message);
        Assert.Contains("Sgd", e.Message);
    }

    private static MnistSet Digits(int count, Action<byte[], byte[]>? spoil = null)
    {
        var pixels = new byte[count * 4];
        var labels = new byte[count];
        for (int i = 0; i < count; i++) (labels[i], pixels[4 * i + i % 4]) = ((byte)(i % 10), 200);
        spoil?.Invoke(pixels, labels);
        return new MnistSet(new MnistImages(count, 2, 2, pixels), labels);
    }

    private static Trainer<float> TinyTrainer(int features = 4) =>
        new(new Sequential<float>(new Dense<float>(features, 10, Init.GlorotUniform, new Rng(1))), new Sgd<float>(0.1),
            new TrainerOptions { Epochs = 1, BatchSize = 16, Rng = new Rng(2) });

    [Fact]
    public void A_label_out_of_range_names_the_samples_index_in_the_dataset()
    {
        var set = Digits(100, (_, labels) => labels[37] = 12);
        var e = Assert.ThrowsAny<ArgumentException>(() => TinyTrainer().Fit(set));
        Assert.Contains("sample 37", e.Message);
        Assert.Contains("12", e.Message);
    }

    private sealed class WithNaN(IDataSource<float> inner, int sample) : IDataSource<float>
    {
        public int Count => inner.Count;
        public int Features => inner.Features;
        public int Classes => inner.Classes;
        public int Label(int index) => inner.Label(index);

        public void Gather(ReadOnlySpan<int> indices, Span<float> destination)
        {
            inner.Gather(indices, destination);
            for (int j = 0; j < indices.Length; j++)
                if (indices[j] == sample) destination[j * Features + 2] = float.NaN;
        }
    }

    [Fact]
    public void Nan_in_the_input_blames_the_data_not_the_learning_rate()
    {
        var data = new WithNaN(DataSource.FromMnist<float>(Digits(100)), sample: 61);
        var e = Assert.ThrowsAny<Exception>(() => TinyTrainer().Fit(data));
        Assert.IsNotType<TrainingDivergedException>(e);
        Assert.Contains("sample 61", e.Message);
        Assert.Contains("NaN", e.Message);
        Assert.DoesNotContain("learning rate", e.Message);
    }
}
