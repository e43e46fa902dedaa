namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Notebook 05's <c>Activation</c>, <c>Tanh</c>, <c>Sigmoid</c>, <c>Softmax</c> and <c>ReLU</c>, held against the
/// library's layers and against the numerical gradient.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class ActivationLessonTests
{
    private const string Notebook = "05-Activaciones.ipynb";

    private static readonly string[] Layers = ["sine", "tanh", "sigmoid", "softmax", "relu"];

    [Fact]
    public async Task Each_activation_computes_what_the_library_computes_and_its_backward_is_the_numerical_gradient()
    {
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            // Inputs kept away from 0, where ReLU has no derivative; a Softmax input of ordinary size.
            var x = CheckRandom(6, 1, 31).Map(a => a + Math.Sign(a) * 0.1);
            var g = CheckRandom(6, 1, 32);
            var pairs = new (string Name, Layer Mine, Fast.Layer<double> Fast)[]
            {
                ("sine", new Activation(Math.Sin, Math.Cos), new Fast.Activation<double>(Math.Sin, Math.Cos)),
                ("tanh", new Tanh(), new Fast.Tanh<double>()),
                ("sigmoid", new Sigmoid(), new Fast.Sigmoid<double>()),
                ("softmax", new Softmax(), new Fast.Softmax<double>()),
                ("relu", new ReLU(), new Fast.ReLU<double>()),
            };
            foreach (var (name, mine, fast) in pairs)
            {
                CheckPrint(name + ".forward", CheckGap(mine.Forward(x), fast.Forward(x)));
                CheckPrint(name + ".input", CheckGap(mine.Backward(g, 0.1), fast.Backward(g, 0.1)));

                // L = Σ g ∘ Forward(x): Backward(g) must be ∂L/∂x.
                double L() => mine.Forward(x).PointwiseMultiply(g).Enumerate().Sum();
                var numeric = CheckNumeric(L, x);
                mine.Forward(x);
                CheckPrint(name + ".numeric", CheckGap(mine.Backward(g, 0.1), numeric));
                CheckPrint(name + ".size", numeric.Enumerate().Max(Math.Abs));
            }
            """);

        foreach (string name in Layers)
        {
            Assert.InRange(v[name + ".forward"], 0, LessonCheck.Twin);
            Assert.InRange(v[name + ".input"], 0, LessonCheck.Twin);
            Assert.InRange(v[name + ".numeric"], 0, LessonCheck.Numerical);
            Assert.True(v[name + ".size"] > 1e-2, $"{name}: the example's gradient is near zero, so the comparison proves nothing.");
        }
    }

    [Fact]
    public async Task The_documents_softmax_loses_large_scores_and_the_librarys_does_not()
    {
        // The notebook teaches the document's overflow and then the fix; if its Softmax is ever made stable, the
        // prose that explains the overflow must change with it.
        var v = await LessonRun.RunAsync(Notebook, LessonCheck.Helpers + """
            var large = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1000.0, 1001.0, 1002.0 });
            CheckPrint("mine.sum", new Softmax().Forward(large).Enumerate().Sum());
            CheckPrint("fast.sum", new Fast.Softmax<double>().Forward(large).Enumerate().Sum());
            """);

        Assert.NotEqual(1.0, v["mine.sum"], 1e-6);
        Assert.Equal(1.0, v["fast.sum"], 1e-12);
    }
}
