namespace NotebookNet.Notebooks.Tests;

/// <summary>Notebook 04's <c>Randn</c> and <c>Dense</c>, held against NumPy's known draws and the library's <c>Dense&lt;double&gt;</c>.</summary>
[Collection(NotebookCollection.Name)]
public sealed class LayerAndDenseLessonTests
{
    private const string Notebook = "04-Layer-y-Dense.ipynb";

    [Fact]
    public async Task Randn_draws_numpys_sequence_and_Dense_computes_what_the_library_computes()
    {
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            Rng.Shared.Seed(0);
            var first = NumPy.Randn(2, 3);                      // np.random.seed(0); np.random.randn(2, 3)
            CheckPrint("randn.00", first[0, 0]);
            CheckPrint("randn.01", first[0, 1]);
            CheckPrint("randn.10", first[1, 0]);

            Rng.Shared.Seed(11);
            var mine = new Dense(5, 3);
            Rng.Shared.Seed(11);
            var fast = new Fast.Dense<double>(5, 3);
            var x = CheckRandom(5, 1, 12);
            var g = CheckRandom(3, 1, 13);
            var before = mine.Weights.Clone();

            CheckPrint("initial", Math.Max(CheckGap(mine.Weights, fast.Weights), CheckGap(mine.Bias, fast.Bias)));
            CheckPrint("forward", CheckGap(mine.Forward(x), fast.Forward(x)));
            CheckPrint("input", CheckGap(mine.Backward(g, 0.05), fast.Backward(g, 0.05)));
            CheckPrint("step", Math.Max(CheckGap(mine.Weights, fast.Weights), CheckGap(mine.Bias, fast.Bias)));
            CheckPrint("moved", CheckGap(before, mine.Weights));
            """);

        // np.random.seed(0); np.random.randn(2, 3) starts 1.764052345967664, 0.4001572083672233, and its second row 2.240893199201458.
        Assert.Equal(1.764052345967664, v["randn.00"], 1e-15);
        Assert.Equal(0.4001572083672233, v["randn.01"], 1e-15);
        Assert.Equal(2.240893199201458, v["randn.10"], 1e-15);
        Assert.Equal(0, v["initial"]);
        Assert.InRange(v["forward"], 0, LessonCheck.Twin);
        Assert.InRange(v["input"], 0, LessonCheck.Twin);
        Assert.InRange(v["step"], 0, LessonCheck.Twin);
        Assert.True(v["moved"] > 1e-3, $"One step with learning rate 0.05 should move the weights; it moved them by {v["moved"]}.");
    }

    [Fact]
    public async Task Dense_backward_is_the_numerical_gradient()
    {
        // L = Σ g ∘ Forward(x), so ∂L/∂output = g; a step with learning rate 1 subtracts exactly ∂L/∂W.
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            Rng.Shared.Seed(21);
            var layer = new Dense(4, 3);
            var x = CheckRandom(4, 1, 22);
            var g = CheckRandom(3, 1, 23);
            double L() => layer.Forward(x).PointwiseMultiply(g).Enumerate().Sum();

            var numericWeights = CheckNumeric(L, layer.Weights);
            var numericBias = CheckNumeric(L, layer.Bias);
            var numericInput = CheckNumeric(L, x);
            var (weights, bias) = (layer.Weights.Clone(), layer.Bias.Clone());
            layer.Forward(x);
            var inputGradient = layer.Backward(g, 1.0);

            CheckPrint("weights", CheckGap(weights - layer.Weights, numericWeights));
            CheckPrint("bias", CheckGap(bias - layer.Bias, numericBias));
            CheckPrint("input", CheckGap(inputGradient, numericInput));
            CheckPrint("size", numericWeights.Enumerate().Max(Math.Abs));
            """);

        Assert.InRange(v["weights"], 0, LessonCheck.Numerical);
        Assert.InRange(v["bias"], 0, LessonCheck.Numerical);
        Assert.InRange(v["input"], 0, LessonCheck.Numerical);
        Assert.True(v["size"] > 0.1, "The example's gradient should not be near zero, or the comparison would prove nothing.");
    }
}
