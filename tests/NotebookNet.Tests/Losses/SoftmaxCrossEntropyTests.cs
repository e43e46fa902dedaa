using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Losses;
using NotebookNet.Tensors;

namespace NotebookNet.Tests.Losses;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void Known_value_for_one_column()
    {
        // −log softmax([1, 2, 3])₂ = log(e + e² + e³) − 3
        var z = Matrix<double>.Build.Dense(3, 1, [1, 2, 3]);
        double expected = Math.Log(Math.E + Math.Exp(2) + Math.Exp(3)) - 3;
        Assert.Equal(0.40760596444438013, expected, 1e-15);
        Assert.Equal(expected, Loss.SoftmaxCrossEntropy<double>([2], z), 1e-14);
        Assert.Equal(expected, Loss.SoftmaxCrossEntropy(Matrix<double>.Build.Dense(3, 1, [0, 0, 1]), z), 1e-14);
    }

    [Fact]
    public void Labels_and_one_hot_give_the_same_mean_loss_and_gradient()
    {
        var rng = new Rng(31);
        var z = GradientCheck.Random(10, 5, rng, 3);
        int[] labels = [3, 0, 9, 9, 4];
        var oneHot = Matrix<double>.Build.Dense(10, 5);
        for (int j = 0; j < 5; j++) oneHot[labels[j], j] = 1;
        Assert.Equal(Loss.SoftmaxCrossEntropy(oneHot, z), Loss.SoftmaxCrossEntropy<double>(labels, z), 1e-13);
        var g1 = Loss.SoftmaxCrossEntropyPrime(oneHot, z);
        var g2 = Loss.SoftmaxCrossEntropyPrime<double>(labels, z);
        var g3 = Matrix<double>.Build.Dense(10, 5);
        double fused = Loss.SoftmaxCrossEntropy<double>(labels, z, g3);
        Assert.Equal(Loss.SoftmaxCrossEntropy<double>(labels, z), fused, 1e-13);
        Assert.True((g1 - g2).Enumerate().All(v => Math.Abs(v) < 1e-15));
        Assert.True((g1 - g3).Enumerate().All(v => Math.Abs(v) < 1e-15));
        // (softmax − y)/N: each column sums to zero.
        for (int j = 0; j < 5; j++) Assert.Equal(0, g1.Column(j).Sum(), 1e-15);
    }

    [Fact]
    public void Gradient_matches_central_differences()
    {
        var rng = new Rng(32);
        var z = GradientCheck.Random(10, 4, rng, 2);
        int[] labels = [1, 7, 7, 0];
        var g = Loss.SoftmaxCrossEntropyPrime<double>(labels, z);
        GradientCheck.Compare("softmax cross-entropy", z, g, () => Loss.SoftmaxCrossEntropy<double>(labels, z));
        var soft = Matrix<double>.Build.Dense(10, 4, (i, j) => (i + j) % 3 == 0 ? 0.25 : 0.0);
        var gs = Loss.SoftmaxCrossEntropyPrime(soft, z);
        GradientCheck.Compare("soft targets", z, gs, () => Loss.SoftmaxCrossEntropy(soft, z));
    }

    [Fact]
    public void Huge_logits_stay_finite()
    {
        var z = Matrix<float>.Build.Dense(3, 2, [1000, -1000, 0, 500, 500, -500]);
        // Column 0 with label 1: 1000 − (−1000); column 1 with label 0: log(2e⁵⁰⁰) − 500 = log 2.
        Assert.Equal((2000 + Math.Log(2)) / 2, Loss.SoftmaxCrossEntropy<float>([1, 0], z), 1e-3);
        // Column 0 with label 0: ≈ 0; column 1 with label 2: 500 + log 2 + 500.
        Assert.Equal((1000 + Math.Log(2)) / 2, Loss.SoftmaxCrossEntropy<float>([0, 2], z), 1e-3);
        var g = Loss.SoftmaxCrossEntropyPrime<float>([1, 0], z);
        Assert.True(g.Enumerate().All(float.IsFinite));
        Assert.Equal(0.5f, g[0, 0], 1e-6f);
        Assert.Equal(-0.5f, g[1, 0], 1e-6f);
    }

    [Fact]
    public void Bad_labels_are_named()
    {
        var z = Matrix<double>.Build.Dense(10, 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Loss.SoftmaxCrossEntropy<double>([3, 10], z));
        Assert.Contains("label 10 of column 1", ex.Message);
        Assert.Throws<ArgumentException>(() => Loss.SoftmaxCrossEntropy<double>([3], z));
    }
}
