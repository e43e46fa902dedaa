using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Losses;
using static NotebookNet.Tests.Layers.ActivationTests;

namespace NotebookNet.Tests.Losses;

public class LossTests
{
    [Fact]
    public void Mse_known_value()
    {
        // mean(([1, 0, 0] − [0.5, 0.5, -1])²) = (0.25 + 0.25 + 1) / 3
        Assert.Equal(0.5, Loss.Mse(Column(1, 0, 0), Column(0.5, 0.5, -1)), 15);
        Assert.Equal([-1.0 / 3, 1.0 / 3, -2.0 / 3], Loss.MsePrime(Column(1, 0, 0), Column(0.5, 0.5, -1)).Column(0).ToArray(),
            new RoundingComparer(15));
    }

    [Fact]
    public void Binary_cross_entropy_known_value()
    {
        // mean(−log 0.8, −log(1 − 0.4)) = (0.2231435513142097 + 0.5108256237659907) / 2
        Assert.Equal(0.3669845875401002, Loss.BinaryCrossEntropy(Column(1, 0), Column(0.8, 0.4)), 14);
        Assert.Equal([-0.625, 0.8333333333333334], Loss.BinaryCrossEntropyPrime(Column(1, 0), Column(0.8, 0.4)).Column(0).ToArray(),
            new RoundingComparer(14));
    }

    [Fact]
    public void Binary_cross_entropy_is_finite_for_saturated_predictions()
    {
        // The tutorial's formula takes log(0) here.
        double loss = Loss.BinaryCrossEntropy(Column(1, 0), Column(0, 1));
        Assert.True(double.IsFinite(loss));
        Assert.Equal(-Math.Log(Loss.Epsilon), loss, 6);
        Assert.All(Loss.BinaryCrossEntropyPrime(Column(1, 0), Column(0, 1)).Enumerate(), g => Assert.True(double.IsFinite(g)));
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("bce")]
    public void Derivatives_match_central_differences(string which)
    {
        var rng = new Rng(11);
        var yTrue = Matrix<double>.Build.Dense(5, 2, (_, _) => rng.NextDouble());
        var yPred = Matrix<double>.Build.Dense(5, 2, (_, _) => 0.1 + 0.8 * rng.NextDouble());
        Func<double> loss = which == "mse" ? () => Loss.Mse(yTrue, yPred) : () => Loss.BinaryCrossEntropy(yTrue, yPred);
        var analytic = which == "mse" ? Loss.MsePrime(yTrue, yPred) : Loss.BinaryCrossEntropyPrime(yTrue, yPred);
        GradientCheck.Compare(which, yPred, analytic, loss);
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.Mse(Column(1, 0), Column(1, 0, 0)));
        Assert.Contains("2x1", error.Message);
        Assert.Contains("3x1", error.Message);
    }
}
