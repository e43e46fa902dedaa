namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// Notebook 09's own convolution and max pooling (its <c>lesson</c> cells, as the student has them) against the
/// library's fast layers and against numerical gradients, on shapes other than the ones the notebook shows.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class RedConvolucionalLessonTests
{
    private const string Notebook = "09-Red-Convolucional.ipynb";

    // Central differences of a loss that is linear in each number: what is left is rounding, far below 1e-6.
    private const string NumericalGradient = """
        double Numerical(Func<double> loss, Func<double> get, Action<double> set, double h = 1e-5)
        {
            double w = get();
            set(w + h); double up = loss();
            set(w - h); double down = loss();
            set(w);
            return (up - down) / (2 * h);
        }
        double Dot(Matrix<double>[] a, Matrix<double>[] b) =>
            a.Zip(b, (p, q) => p.PointwiseMultiply(q).Enumerate().Sum()).Sum();
        """;

    [Fact]
    public async Task The_notebook_convolution_computes_what_the_library_does_forward_backward_and_one_step()
    {
        var v = await LessonRun.RunAsync(Notebook, """
            Rng.Shared.Seed(7);
            var mine = new TrainableConvolutional(inputDepth: 3, kernelSize: 3, depth: 4);
            for (int f = 0; f < 4; f++) mine.Biases[f] = Rng.Shared.NextGaussian();
            var x = RandomMaps(3, 7, 6);
            var fast = new Fast.Convolutional<double>((3, 7, 6), kernelSize: 3, depth: 4, rng: Rng.Shared);
            CopyInto(mine, fast);

            var y = mine.Forward(x);
            double forward = MaxDifference(y, ToMaps(fast.Forward(ToColumn(x)), 4, 5, 4));
            var g = RandomMaps(4, 5, 4);
            var dx = mine.Backward(g, learningRate: 0.1);
            var fastDx = ToMaps(fast.Backward(ToColumn(g), learningRate: 0.1).Clone(), 3, 7, 6);
            double kernels = 0, biases = 0;
            for (int f = 0; f < 4; f++)
            {
                biases = Math.Max(biases, Math.Abs(mine.Biases[f] - fast.Bias[f, 0]));
                for (int c = 0; c < 3; c++)
                    kernels = Math.Max(kernels, (mine.Kernels[f, c] - fast.Kernel(f, c)).Enumerate().Max(Math.Abs));
            }
            Console.WriteLine(Invariant($"shape={y.Length * 100 + y[0].RowCount * 10 + y[0].ColumnCount}"));
            Console.WriteLine(Invariant($"forward={forward:R}"));
            Console.WriteLine(Invariant($"inputGradient={MaxDifference(dx, fastDx):R}"));
            Console.WriteLine(Invariant($"kernelsAfterStep={kernels:R}"));
            Console.WriteLine(Invariant($"biasesAfterStep={biases:R}"));
            """);
        Assert.Equal(454, v["shape"]);          // 4 maps of 5×4: a valid 3×3 correlation of 7×6
        Assert.True(v["forward"] <= 1e-12, $"forward {v["forward"]}");
        Assert.True(v["inputGradient"] <= 1e-12, $"input gradient {v["inputGradient"]}");
        Assert.True(v["kernelsAfterStep"] <= 1e-12, $"kernels after one step {v["kernelsAfterStep"]}");
        Assert.True(v["biasesAfterStep"] <= 1e-12, $"biases after one step {v["biasesAfterStep"]}");
    }

    [Fact]
    public async Task The_notebook_convolution_backward_matches_a_numerical_gradient()
    {
        var v = await LessonRun.RunAsync(Notebook, NumericalGradient + """
            Rng.Shared.Seed(11);
            var layer = new TrainableConvolutional(inputDepth: 2, kernelSize: 3, depth: 2);
            for (int f = 0; f < 2; f++) layer.Biases[f] = Rng.Shared.NextGaussian();
            var x = RandomMaps(2, 5, 6);
            var g = RandomMaps(2, 3, 4);
            double Loss() => Dot(layer.Forward(x), g);       // ∂L/∂Y = g
            layer.Forward(x);
            var dx = layer.Backward(g, learningRate: 0);
            double kernels = 0, biases = 0, input = 0, largest = 0;
            for (int f = 0; f < 2; f++)
            {
                biases = Math.Max(biases, Math.Abs(layer.BiasesGradient[f] - Numerical(Loss, () => layer.Biases[f], w => layer.Biases[f] = w)));
                for (int c = 0; c < 2; c++)
                    for (int u = 0; u < 3; u++)
                        for (int q = 0; q < 3; q++)
                        {
                            var k = layer.Kernels[f, c];
                            kernels = Math.Max(kernels, Math.Abs(layer.KernelsGradient[f, c][u, q] - Numerical(Loss, () => k[u, q], w => k[u, q] = w)));
                            largest = Math.Max(largest, Math.Abs(layer.KernelsGradient[f, c][u, q]));
                        }
            }
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 5; i++)
                    for (int j = 0; j < 6; j++)
                        input = Math.Max(input, Math.Abs(dx[c][i, j] - Numerical(Loss, () => x[c][i, j], w => x[c][i, j] = w)));
            Console.WriteLine(Invariant($"kernels={kernels:R}"));
            Console.WriteLine(Invariant($"biases={biases:R}"));
            Console.WriteLine(Invariant($"input={input:R}"));
            Console.WriteLine(Invariant($"largest={largest:R}"));
            """);
        Assert.True(v["largest"] > 0.1, "The gradients checked should not all be zero.");
        Assert.True(v["kernels"] <= 1e-6, $"∂L/∂K differs from the numerical gradient by {v["kernels"]}");
        Assert.True(v["biases"] <= 1e-6, $"∂L/∂b differs from the numerical gradient by {v["biases"]}");
        Assert.True(v["input"] <= 1e-6, $"∂L/∂X differs from the numerical gradient by {v["input"]}");
    }

    [Fact]
    public async Task The_notebook_max_pooling_matches_the_library_and_a_numerical_gradient()
    {
        var v = await LessonRun.RunAsync(Notebook, NumericalGradient + """
            Rng.Shared.Seed(5);
            var x = RandomMaps(3, 5, 7);                  // odd sides: the last row and column are dropped
            var pool = new MaxPooling();
            var fast = new Fast.MaxPooling<double>((3, 5, 7));
            var y = pool.Forward(x);
            double forward = MaxDifference(y, ToMaps(fast.Forward(ToColumn(x)), 3, 2, 3));
            var g = RandomMaps(3, 2, 3);
            var dx = pool.Backward(g, learningRate: 0.1);
            double backward = MaxDifference(dx, ToMaps(fast.Backward(ToColumn(g)), 3, 5, 7));
            double Loss() => Dot(pool.Forward(x), g);
            double numerical = 0;
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 5; i++)
                    for (int j = 0; j < 7; j++)
                        numerical = Math.Max(numerical, Math.Abs(dx[c][i, j] - Numerical(Loss, () => x[c][i, j], w => x[c][i, j] = w)));
            Console.WriteLine(Invariant($"shape={y.Length * 100 + y[0].RowCount * 10 + y[0].ColumnCount}"));
            Console.WriteLine(Invariant($"forward={forward:R}"));
            Console.WriteLine(Invariant($"backward={backward:R}"));
            Console.WriteLine(Invariant($"numerical={numerical:R}"));
            Console.WriteLine(Invariant($"routed={dx.Sum(m => m.Enumerate().Count(d => d != 0))}"));
            """);
        Assert.Equal(323, v["shape"]);
        Assert.Equal(0, v["forward"]);
        Assert.Equal(0, v["backward"]);
        Assert.True(v["numerical"] <= 1e-6, $"pooling's ∂L/∂X differs from the numerical gradient by {v["numerical"]}");
        Assert.Equal(18, v["routed"]);          // one winner per block: 3 maps × 2 × 3 blocks
    }
}
