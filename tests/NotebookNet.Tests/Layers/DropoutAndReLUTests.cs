using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public class DropoutAndReLUTests
{
    [Fact]
    public void ReLU_gradients_match_central_differences()
    {
        var rng = new Rng(21);
        GradientCheck.Layer(new ReLU<double>(), GradientCheck.Random(30, 3, rng), rng);
    }

    [Fact]
    public void Dropout_in_evaluation_is_the_identity_with_gradients_to_match()
    {
        var rng = new Rng(22);
        var dropout = new Dropout<double>(0.5, new Rng(0)) { IsTraining = false };
        var x = GradientCheck.Random(20, 3, rng);
        Assert.Equal(x, dropout.Forward(x));
        GradientCheck.Layer(dropout, x, rng);
    }

    [Fact]
    public void Dropout_in_training_zeroes_about_rate_of_the_values_and_scales_the_rest()
    {
        var dropout = new Dropout<double>(0.25, new Rng(3));
        var x = Matrix<double>.Build.Dense(100, 100, 2.0);
        var y = dropout.Forward(x);
        int zeros = y.Enumerate().Count(v => v == 0);
        Assert.InRange(zeros, 2300, 2700);
        Assert.True(y.Enumerate().All(v => v == 0 || Math.Abs(v - 2 / 0.75) < 1e-12));
        // The same mask scales the gradient.
        var g = dropout.Backward(Matrix<double>.Build.Dense(100, 100, 1.0));
        for (int i = 0; i < 100; i++)
            for (int j = 0; j < 100; j++) Assert.Equal(y[i, j] / 2, g[i, j], 1e-12);
    }

    [Fact]
    public void Dropout_masks_follow_the_seed()
    {
        var x = Matrix<double>.Build.Dense(10, 10, 1.0);
        var a = new Dropout<double>(0.5, new Rng(8)).Forward(x).Clone();
        var b = new Dropout<double>(0.5, new Rng(8)).Forward(x).Clone();
        var c = new Dropout<double>(0.5, new Rng(9)).Forward(x).Clone();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Dropout_rejects_a_rate_outside_0_to_1()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(1, new Rng(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<double>(-0.1, new Rng(0)));
    }
}
