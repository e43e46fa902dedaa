using System.Globalization;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Notebook 07's <c>Predict</c>, <c>Train</c>, <c>ToCategorical</c> and <c>PreprocessData</c> against the library, its
/// chain-rule example against the numerical gradient and against the numbers its picture shows, and its recap cells
/// against the lessons of 04–06 they repeat.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class PredictionAndTrainingLessonTests
{
    private const string Notebook = "07-Prediccion-y-Entrenamiento.ipynb";

    [Fact]
    public async Task Predict_and_Train_leave_the_same_outputs_errors_and_weights_as_the_library()
    {
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            List<Layer> Mine() => new() { new Dense(3, 4), new Tanh(), new Dense(4, 2), new Tanh() };
            List<Fast.Layer<double>> Library() => new()
            {
                new Fast.Dense<double>(3, 4), new Fast.Tanh<double>(), new Fast.Dense<double>(4, 2), new Fast.Tanh<double>(),
            };
            Rng.Shared.Seed(51);
            var mine = Mine();
            Rng.Shared.Seed(51);
            var fast = Library();
            var xs = Enumerable.Range(0, 6).Select(i => CheckRandom(3, 1, 60 + (uint)i)).ToArray();
            var ys = Enumerable.Range(0, 6).Select(i => CheckRandom(2, 1, 70 + (uint)i).Map(Math.Tanh)).ToArray();

            CheckPrint("predict", xs.Max(x => CheckGap(Predict(mine, x), FastTutorial.Predict(fast, x))));
            var before = ((Dense)mine[0]).Weights.Clone();
            var errors = Train(mine, Mse, MsePrime, xs, ys, epochs: 50, learningRate: 0.05, verbose: false);
            var fastErrors = FastTutorial.Train(fast, FastLoss.Mse, FastLoss.MsePrime, xs, ys, epochs: 50, learningRate: 0.05, verbose: false);
            CheckPrint("errors", errors.Zip(fastErrors).Max(p => Math.Abs(p.First - p.Second)));
            CheckPrint("weights", new[] { 0, 2 }.Max(i => Math.Max(
                CheckGap(((Dense)mine[i]).Weights, ((Fast.Dense<double>)fast[i]).Weights),
                CheckGap(((Dense)mine[i]).Bias, ((Fast.Dense<double>)fast[i]).Bias))));
            CheckPrint("moved", CheckGap(before, ((Dense)mine[0]).Weights));
            CheckPrint("learned", errors[^1] / errors[0]);
            """);

        Assert.InRange(v["predict"], 0, LessonCheck.Twin);
        Assert.InRange(v["errors"], 0, LessonCheck.Twin);
        Assert.InRange(v["weights"], 0, LessonCheck.Twin);
        Assert.True(v["moved"] > 1e-3, $"50 epochs should move the first layer's weights; they moved by {v["moved"]}.");
        Assert.True(v["learned"] < 1, $"The training error should fall over 50 epochs: last/first = {v["learned"]}.");
    }

    [Fact]
    public async Task The_chain_rule_example_is_the_numerical_gradient_and_the_picture_shows_its_numbers()
    {
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            double L() => Mse(y, Predict(chain, x));
            CheckPrint("w1", CheckGap(dW1, CheckNumeric(L, dense1.Weights)));
            CheckPrint("b1", CheckGap(dZ1, CheckNumeric(L, dense1.Bias)));
            CheckPrint("w2", CheckGap(dW2, CheckNumeric(L, dense2.Weights)));
            CheckPrint("b2", CheckGap(dZ2, CheckNumeric(L, dense2.Bias)));
            CheckPrint("x", CheckGap(dX, CheckNumeric(L, x)));
            var shown = new (string Name, double Value)[]
            {
                ("z1", z1[0, 0]), ("a1", a1[0, 0]), ("z2", z2[0, 0]), ("a2", a2[0, 0]), ("L", loss),
                ("dA2", dA2[0, 0]), ("dZ2", dZ2[0, 0]), ("dA1", dA1[0, 0]), ("dZ1", dZ1[0, 0]), ("dX", dX[0, 0]),
                ("dW1", dW1[0, 0]), ("dW2", dW2[0, 0]),
            };
            foreach (var (name, value) in shown) CheckPrint("shown." + name, value);
            """);

        foreach (string name in new[] { "w1", "b1", "w2", "b2", "x" })
            Assert.InRange(v[name], 0, LessonCheck.Numerical);

        // The picture's numbers are the run's, to the three decimals it shows (with a typographic minus).
        string svg = File.ReadAllText(Path.Combine(NotebookSeries.Root(), "img", "backprop-chain-rule.svg"));
        foreach (var (name, value) in v.Where(p => p.Key.StartsWith("shown.", StringComparison.Ordinal)))
        {
            string text = value.ToString("F3", CultureInfo.InvariantCulture).Replace('-', '−');
            Assert.True(svg.Contains("= " + text, StringComparison.Ordinal),
                $"img/backprop-chain-rule.svg does not show {name[6..]} = {text}, the value notebook 07 computes.");
        }
    }

    [Fact]
    public async Task PreprocessData_gives_the_librarys_columns_and_one_hot_labels_and_rejects_a_bad_label()
    {
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            var ((images, labels), _) = Mnist.Load();
            var (mine, mineLabels) = PreprocessData(images, labels, 300);
            var (fast, fastLabels) = FastData.PreprocessData(images, labels, 300);
            CheckPrint("count", mine.Length);
            CheckPrint("x", Enumerable.Range(0, 300).Max(i => CheckGap(mine[i], fast[i])));
            CheckPrint("y", Enumerable.Range(0, 300).Max(i => CheckGap(mineLabels[i], fastLabels[i])));
            CheckPrint("max", mine.Max(m => m.Enumerate().Max()));
            try { ToCategorical(10, 10); CheckPrint("rejected", 0); }
            catch (ArgumentException) { CheckPrint("rejected", 1); }
            """);

        Assert.Equal(300, v["count"]);
        Assert.Equal(0, v["x"]);
        Assert.Equal(0, v["y"]);
        Assert.Equal(1, v["max"]);
        Assert.Equal(1, v["rejected"]);
    }

    [Fact]
    public void The_recap_cells_repeat_the_lessons_of_04_05_and_06_verbatim()
    {
        // Each notebook runs in its own kernel, so 05 and 07 repeat earlier classes; this keeps the copies identical.
        IReadOnlyList<string> Lessons(string name) => LessonRun.LessonCells(Path.Combine(NotebookSeries.Folder(), name));
        var l04 = Lessons("04-Layer-y-Dense.ipynb");
        var l05 = Lessons("05-Activaciones.ipynb");
        var l06 = Lessons("06-Perdidas.ipynb");
        var l07 = Lessons(Notebook);

        Assert.Equal(l04[0], l05[0]);                                  // Layer
        Assert.Equal(string.Join("\n\n", l04), l07[0]);               // Layer, Randn, Dense
        Assert.Equal(l05[1] + "\n\n" + l05[2], l07[1]);              // Activation, Tanh
        Assert.Equal(l06[0], l07[2]);                                  // Mse, MsePrime
    }
}
