using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Losses;

namespace NotebookNet.Tests.Losses;

public class LabelSmoothingTests
{
    [Fact]
    public void Equal_logits_give_log_K_and_the_gradient_softmax_minus_the_smoothed_target()
    {
        // softmax = 1/4 everywhere, so every class costs log 4 whatever the target; target = 0.9·onehot + 0.025.
        var z = Matrix<double>.Build.Dense(4, 2);
        var g = Matrix<double>.Build.Dense(4, 2);
        double loss = Loss.SmoothedSoftmaxCrossEntropy<double>(0.1)([1, 3], z, g);
        Assert.Equal(Math.Log(4), loss, 1e-15);
        Assert.Equal((0.25 - 0.925) / 2, g[1, 0], 1e-15);
        Assert.Equal((0.25 - 0.025) / 2, g[0, 0], 1e-15);
        Assert.Equal((0.25 - 0.925) / 2, g[3, 1], 1e-15);
        Assert.Equal((0.25 - 0.025) / 2, g[2, 1], 1e-15);
    }

    [Fact]
    public void It_is_the_cross_entropy_against_the_smoothed_target_matrix()
    {
        var rng = new Rng(41);
        var z = GradientCheck.Random(10, 5, rng, 3);
        int[] labels = [3, 0, 9, 9, 4];
        var target = Matrix<double>.Build.Dense(10, 5, (i, j) => (i == labels[j] ? 0.8 : 0) + 0.02);
        var g = Matrix<double>.Build.Dense(10, 5);
        double loss = Loss.SmoothedSoftmaxCrossEntropy<double>(0.2)(labels, z, g);
        Assert.Equal(Loss.SoftmaxCrossEntropy(target, z), loss, 1e-13);
        var expected = Loss.SoftmaxCrossEntropyPrime(target, z);
        Assert.True((g - expected).Enumerate().All(v => Math.Abs(v) < 1e-15));
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        var rng = new Rng(42);
        var z = GradientCheck.Random(10, 4, rng, 2);
        int[] labels = [1, 7, 7, 0];
        var loss = Loss.SmoothedSoftmaxCrossEntropy<double>(0.1);
        var g = Matrix<double>.Build.Dense(10, 4);
        loss(labels, z, g);
        var scratch = Matrix<double>.Build.Dense(10, 4);
        GradientCheck.Compare("smoothed softmax cross-entropy", z, g, () => loss(labels, z, scratch));
    }

    [Fact]
    public void No_smoothing_is_the_plain_loss_and_a_share_outside_0_to_1_is_refused()
    {
        var z = GradientCheck.Random(10, 3, new Rng(43), 2);
        var (g0, g1) = (Matrix<double>.Build.Dense(10, 3), Matrix<double>.Build.Dense(10, 3));
        Assert.Equal(Loss.SoftmaxCrossEntropy<double>([2, 5, 5], z, g0), Loss.SmoothedSoftmaxCrossEntropy<double>(0)([2, 5, 5], z, g1));
        Assert.Equal(g0, g1);
        foreach (double bad in new[] { -0.1, 1.0, double.NaN })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SmoothedSoftmaxCrossEntropy<double>(bad));
            Assert.Equal("smoothing", ex.ParamName);
        }
    }
}
