using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Cli;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Persistence;
using NotebookNet.Training;
using Xunit.Abstractions;

namespace NotebookNet.Onnx.Tests;

/// <summary>
/// Every exported model computes in ONNX Runtime what the library computes: on the 10,000 MNIST test images the same
/// winner for every image and outputs within 1e-4, for each catalog model (briefly trained, so the winners mean
/// something) and for the tutorial's dense network.
/// </summary>
public sealed class OnnxExportTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4;
    private static readonly Lazy<(MnistSet Train, MnistSet Test)> Data = new(() => Mnist.Load());

    [Theory]
    [InlineData("small-cnn")]
    [InlineData("lenet5")]
    [InlineData("reference")]
    public void CatalogModel_AgreesWithOnnxRuntimeOnTheTestSet(string id)
    {
        var recipe = ModelCatalog.Get(id);
        var model = recipe.Build(new Rng(0));
        var trainer = new Trainer<float>(model, recipe.Optimizer(), new TrainerOptions
        {
            Epochs = 1, BatchSize = recipe.BatchSize, Rng = new Rng(1), Shift = recipe.Shift,
        });
        trainer.Fit(First(Data.Value.Train, 3000));

        var test = Data.Value.Test;
        var x = Batches.Images<float>(test.Images, 0, test.Count);
        var expected = model.PredictBatched(x, 500);
        var actual = OnnxRuntimeRun.Outputs(OnnxExport.ToBytes(model, id), x, [1, 28, 28]);

        var agreement = Agreement.Of(expected, actual);
        output.WriteLine($"{id}: {test.Count} images, max |logit difference| {agreement.MaxDifference:E2}, different winners {agreement.DifferentWinners.Length}");
        Assert.Empty(agreement.DifferentWinners);
        Assert.InRange(agreement.MaxDifference, 0, Tolerance);
    }

    [Fact]
    public void TutorialDenseNetwork_AgreesWithOnnxRuntimeOnTheTestSet()
    {
        var rng = new Rng(2);
        var network = new List<Layer<double>>
        {
            new Dense<double>(28 * 28, 40, rng: rng), new Tanh<double>(), new Dense<double>(40, 10, rng: rng), new Tanh<double>(),
        };
        var (train, test) = Data.Value;
        var (xTrain, yTrain) = Preprocessing.PreprocessData(train.Images, train.Labels, 1000);
        Tutorial.Train(network, Loss.Mse, Loss.MsePrime, xTrain, yTrain, epochs: 10, learningRate: 0.1, verbose: false);

        var x = Batches.Images<double>(test.Images, 0, test.Count);
        var expected = new Sequential<double>(network).PredictBatched(x, 500);
        var actual = OnnxRuntimeRun.Outputs(OnnxExport.ToBytes(network, "tutorial"), x, [784]);

        var agreement = Agreement.Of(expected, actual);
        output.WriteLine($"tutorial dense (float64): max |output difference| {agreement.MaxDifference:E2}, different winners {agreement.DifferentWinners.Length}");
        Assert.Empty(agreement.DifferentWinners);
        Assert.InRange(agreement.MaxDifference, 0, 1e-12);
    }

    /// <summary>The mappings the catalog does not use: strides, Reshape, Sigmoid, Softmax, Dropout, a convolution after a dense layer.</summary>
    [Fact]
    public void EveryMappedLayer_AgreesWithOnnxRuntime()
    {
        var rng = new Rng(3);
        var network = new Sequential<float>(
            new Reshape<float>([784], [1, 28, 28]),
            new Convolutional<float>((1, 28, 28), 4, 3, stride: 2, padding: 1, rng: rng),  // 3x14x14
            new Sigmoid<float>(),
            new MaxPooling<float>((3, 14, 14), size: 3, stride: 2),                          // 3x6x6
            new Dense<float>(108, 72, Init.HeNormal, rng),
            new Tanh<float>(),
            new Convolutional<float>((2, 6, 6), 3, 2, rng: rng),                             // 2x4x4, read from the dense layer's vector
            new Dropout<float>(0.5, rng),
            new Flatten<float>((2, 4, 4)),
            new Dense<float>(32, 10, Init.GlorotUniform, rng),
            new Softmax<float>());
        var x = Matrix<float>.Build.Dense(784, 64, (i, j) => (float)rng.NextDouble());

        var expected = network.PredictBatched(x, 64);
        var actual = OnnxRuntimeRun.Outputs(OnnxExport.ToBytes(network), x, [784]);

        var agreement = Agreement.Of(expected, actual);
        output.WriteLine($"every mapping: max |difference| {agreement.MaxDifference:E2}");
        Assert.InRange(agreement.MaxDifference, 0, 1e-6);
        Assert.Empty(agreement.DifferentWinners);
    }

    [Fact]
    public void LayerWithoutMapping_IsAnErrorNamingTheLayer()
    {
        var network = new List<Layer<float>> { new Dense<float>(784, 10), new Activation<float>(x => x * x, x => 2 * x) };
        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(network));
        Assert.Contains("layer 1 'Activation'", error.Message);
        Assert.Contains("no ONNX mapping", error.Message);
    }

    [Fact]
    public void NetworkWithoutInputShape_OrWithoutLayers_IsAnError()
    {
        var noShape = Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(new List<Layer<float>> { new ReLU<float>() }));
        Assert.Contains("layer 0 'ReLU' does not state its input shape", noShape.Message);
        Assert.Throws<OnnxExportException>(() => OnnxExport.ToBytes(new List<Layer<float>>()));
    }

    [Fact]
    public void ExportCommand_WritesTheSavedModel_AndNamesABrokenFile()
    {
        string dir = Directory.CreateTempSubdirectory("notebooknet-onnx-").FullName;
        try
        {
            var model = Models.SmallCnn(new Rng(4));
            string nnet = Path.Combine(dir, "small-cnn.nnet"), onnx = Path.Combine(dir, "out", "small-cnn.onnx");
            ModelFile.Save(nnet, model, "small-cnn");

            string line = ExportCommand.Export(nnet, onnx);
            Assert.Contains("opset 13", line);
            var test = First(Data.Value.Test, 200);
            var x = Batches.Images<float>(test.Images, 0, test.Count);
            var agreement = Agreement.Of(model.PredictBatched(x), OnnxRuntimeRun.Outputs(File.ReadAllBytes(onnx), x, [1, 28, 28]));
            Assert.InRange(agreement.MaxDifference, 0, Tolerance);

            var bytes = File.ReadAllBytes(nnet);
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(nnet, bytes);
            var before = File.ReadAllBytes(onnx);
            var error = Assert.Throws<ModelFileException>(() => ExportCommand.Export(nnet, onnx));
            Assert.Contains(nnet, error.Message);
            Assert.Equal(before, File.ReadAllBytes(onnx));   // the earlier export is left as it was
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static MnistSet First(MnistSet set, int count) =>
        new(new MnistImages(count, 28, 28, set.Images.Pixels[..(count * 784)]), set.Labels[..count]);
}
