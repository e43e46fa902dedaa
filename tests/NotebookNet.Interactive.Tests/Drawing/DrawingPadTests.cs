using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookNet.Layers;

namespace NotebookNet.Interactive.Tests.Drawing;

/// <summary>The drawing pad's HTML without a browser: what it carries and what it refuses.</summary>
public sealed partial class DrawingPadTests
{
    [Fact]
    public void Output_CarriesTheWeights_AndNeedsNoNetwork()
    {
        var model = Models.SmallCnn(new Rng(5));
        string html = Views.DrawingPad(model).ToHtml();

        Assert.DoesNotMatch(@"(src|href)\s*=\s*[""']?(https?:)?//", html);
        Assert.Equal(html, Views.DrawingPad(Models.SmallCnn(new Rng(5))).ToHtml());   // same model, same bytes
        Assert.NotEqual(html, Views.DrawingPad(Models.SmallCnn(new Rng(6))).ToHtml());

        var json = NetworkJson().Match(html);
        Assert.True(json.Success, "no network JSON in the pad's output");
        using var network = JsonDocument.Parse(json.Groups[1].Value.Replace("\\u003c", "<"));
        Assert.Equal("float32", network.RootElement.GetProperty("precision").GetString());
        Assert.Equal("softmax", network.RootElement.GetProperty("scores").GetString());
        var layers = network.RootElement.GetProperty("layers");
        Assert.Equal(["conv", "maxpool", "relu", "conv", "maxpool", "relu", "identity", "dense"],
            layers.EnumerateArray().Select(l => l.GetProperty("type").GetString()));

        var conv = (Convolutional<float>)model[0];
        var weights = Floats(layers[0].GetProperty("w").GetBytesFromBase64());
        Assert.Equal(8 * 9, weights.Length);
        for (int f = 0; f < 8; f++)
            for (int j = 0; j < 9; j++) Assert.Equal(conv.Weights[f, j], weights[f * 9 + j]);
        var dense = (Dense<float>)model[7];
        var denseWeights = Floats(layers[7].GetProperty("w").GetBytesFromBase64());
        Assert.Equal(dense.Weights[3, 17], denseWeights[3 * 400 + 17]);
        Assert.Equal(dense.Bias[9, 0], Floats(layers[7].GetProperty("b").GetBytesFromBase64())[9]);
    }

    [Fact]
    public void TutorialNetwork_ShowsItsOutputs_InDoublePrecision()
    {
        var network = new List<Layer<double>> { new Dense<double>(784, 40, rng: new Rng(2)), new Tanh<double>(), new Dense<double>(40, 10, rng: new Rng(2)), new Tanh<double>() };
        var json = NetworkJson().Match(Views.DrawingPad(network).ToHtml());
        using var spec = JsonDocument.Parse(json.Groups[1].Value);
        Assert.Equal("float64", spec.RootElement.GetProperty("precision").GetString());
        Assert.Equal("output", spec.RootElement.GetProperty("scores").GetString());   // tanh outputs are not probabilities
        Assert.Equal(784 * 40 * 8, spec.RootElement.GetProperty("layers")[0].GetProperty("w").GetBytesFromBase64().Length);
    }

    [Fact]
    public void LayerThePageCannotRun_IsAnErrorNamingIt()
    {
        var network = new List<Layer<float>> { new Dense<float>(784, 10), new Activation<float>(x => x * x, x => 2 * x) };
        var error = Assert.Throws<ArgumentException>(() => Views.DrawingPad(network));
        Assert.Contains("layer 1 'Activation' cannot run in the page", error.Message);
    }

    [Fact]
    public void NetworkThatDoesNotReadADigit_IsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => Views.DrawingPad(new List<Layer<float>> { new Dense<float>(400, 10) }));
        Assert.Contains("reads 400 values per sample; a drawn digit is 784", error.Message);
    }

    private static float[] Floats(byte[] bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    [GeneratedRegex(@"<script type=""application/json"" class=""notebooknet-drawing-pad-network"">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex NetworkJson();
}
