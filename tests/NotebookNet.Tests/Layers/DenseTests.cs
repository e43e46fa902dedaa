using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public class DenseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Gradients_match_central_differences(int batch)
    {
        var rng = new Rng(1);
        var dense = new Dense<double>(7, 4, rng: rng);
        GradientCheck.Layer(dense, GradientCheck.Random(7, batch, rng), rng);
    }

    [Fact]
    public void Forward_is_W_times_X_plus_b()
    {
        var dense = new Dense<double>(2, 2, rng: new Rng(0));
        dense.Weights.SetRow(0, [1.0, 2.0]);
        dense.Weights.SetRow(1, [3.0, 4.0]);
        dense.Bias.SetColumn(0, [0.5, -1.0]);
        var y = dense.Forward(Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.0 }, { 1.0, 2.0 } }));
        Assert.Equal(new[,] { { 3.5, 4.5 }, { 6.0, 7.0 } }, y.ToArray());
    }

    [Fact]
    public void Default_initialisation_draws_numpy_randn_in_C_order()
    {
        // np.random.seed(0); np.random.randn(2, 3) → [[1.764052345967664, 0.4001572083672233, 0.9787379841057392],
        //                                              [2.240893199201458, 1.8675579901499675, -0.977277879876411]]
        var dense = new Dense<double>(3, 2, rng: new Rng(0));
        Assert.Equal(1.764052345967664, dense.Weights[0, 0], 15);
        Assert.Equal(0.4001572083672233, dense.Weights[0, 1], 15);
        Assert.Equal(0.9787379841057392, dense.Weights[0, 2], 15);
        Assert.Equal(2.240893199201458, dense.Weights[1, 0], 15);
        Assert.Equal(-0.977277879876411, dense.Weights[1, 2], 15);
        // then np.random.randn(2, 1) → [[0.9500884175255894], [-0.1513572082976979]]
        Assert.Equal(0.9500884175255894, dense.Bias[0, 0], 15);
        Assert.Equal(-0.1513572082976979, dense.Bias[1, 0], 15);
    }

    [Fact]
    public void Sgd_shortcut_applies_the_tutorials_update()
    {
        var rng = new Rng(3);
        var dense = new Dense<double>(4, 3, rng: rng);
        var x = GradientCheck.Random(4, 1, rng);
        var g = GradientCheck.Random(3, 1, rng);
        var w = dense.Weights.Clone();
        var b = dense.Bias.Clone();
        dense.Forward(x);
        var dx = dense.Backward(g, 0.1);
        // The tutorial: input_gradient = Wᵀ·g with the old W; W -= lr·g·xᵀ; b -= lr·g.
        AssertClose(w.Transpose() * g, dx);
        AssertClose(w - 0.1 * (g * x.Transpose()), dense.Weights);
        AssertClose(b - 0.1 * g, dense.Bias);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Without_input_gradient_the_step_is_the_same_and_dx_is_zeros(int batch)
    {
        var rng = new Rng(5);
        var full = new Dense<double>(6, 4, rng: rng);
        var skipping = new Dense<double>(6, 4, rng: new Rng(5)) { InputGradientNeeded = false };
        var x = GradientCheck.Random(6, batch, rng);
        var g = GradientCheck.Random(4, batch, rng);
        full.Forward(x);
        skipping.Forward(x);
        full.Backward(g, 0.1);
        var dx = skipping.Backward(g, 0.1);
        Assert.Equal(full.Weights.ToColumnMajorArray(), skipping.Weights.ToColumnMajorArray()); // bit for bit
        Assert.Equal(full.Bias.ToColumnMajorArray(), skipping.Bias.ToColumnMajorArray());
        Assert.All(dx.ToColumnMajorArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(6, dx.RowCount);
        Assert.Equal(batch, dx.ColumnCount);

        // The optimizer's path: the parameter gradients are unchanged, only ∂L/∂X is skipped.
        Assert.NotEqual(0.0, full.Backward(g).ToColumnMajorArray().Max(Math.Abs));
        Assert.All(skipping.Backward(g).ToColumnMajorArray(), v => Assert.Equal(0.0, v));
        for (int p = 0; p < 2; p++)
            Assert.Equal(full.Parameters[p].Gradient.ToColumnMajorArray(), skipping.Parameters[p].Gradient.ToColumnMajorArray());
    }

    [Theory]
    [InlineData(40, 784)]
    [InlineData(3, 5)]
    public void Step_then_forward_is_backward_then_forward_bit_for_bit(int outputs, int inputs)
    {
        var rng = new Rng(9);
        var apart = new Dense<double>(inputs, outputs, rng: rng);
        var fused = new Dense<double>(inputs, outputs, rng: new Rng(9));
        var x = GradientCheck.Random(inputs, 1, rng);
        var next = GradientCheck.Random(inputs, 1, rng);
        var g = GradientCheck.Random(outputs, 1, rng);
        apart.Forward(x);
        fused.Forward(x);

        apart.Backward(g, 0.1);
        var expected = apart.Forward(next).ToColumnMajorArray();
        var y = fused.BackwardThenForward(g, 0.1, next);

        Assert.Equal(expected, y.ToColumnMajorArray());
        Assert.Equal(apart.Weights.ToColumnMajorArray(), fused.Weights.ToColumnMajorArray());
        Assert.Equal(apart.Bias.ToColumnMajorArray(), fused.Bias.ToColumnMajorArray());
        Assert.Same(next, fused.Input);
        Assert.Same(y, fused.Output);
        Assert.Throws<ShapeMismatchException>(() => fused.BackwardThenForward(g, 0.1, GradientCheck.Random(inputs + 1, 1, rng)));
    }

    [Fact]
    public void Wrong_input_size_names_the_layer_and_both_shapes()
    {
        var dense = new Dense<double>(784, 40, rng: new Rng(0));
        var error = Assert.Throws<ShapeMismatchException>(() => dense.Forward(Matrix<double>.Build.Dense(785, 1)));
        Assert.Contains("Dense(784→40)", error.Message);
        Assert.Contains("784", error.Message);
        Assert.Contains("785x1", error.Message);
    }

    internal static void AssertClose(Matrix<double> expected, Matrix<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        Assert.True((expected - actual).InfinityNorm() <= tolerance, $"max difference {(expected - actual).InfinityNorm()}");
    }
}
