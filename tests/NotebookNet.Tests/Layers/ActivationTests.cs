using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public class ActivationTests
{
    public static TheoryData<string> Activations => new() { "Tanh", "Sigmoid", "ReLU", "Softmax" };

    private static Layer<double> Create(string name) => name switch
    {
        "Tanh" => new Tanh<double>(),
        "Sigmoid" => new Sigmoid<double>(),
        "ReLU" => new ReLU<double>(),
        "Softmax" => new Softmax<double>(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Gradients_match_central_differences(string name)
    {
        var rng = new Rng(7);
        var x = GradientCheck.Random(6, 3, rng);
        // Central differences are wrong across ReLU's kink; keep inputs away from 0.
        if (name == "ReLU") x.MapInplace(v => Math.Abs(v) < 0.01 ? 0.5 : v);
        GradientCheck.Layer(Create(name), x, rng);
    }

    [Theory]
    [InlineData("Tanh")]
    [InlineData("Sigmoid")]
    [InlineData("ReLU")]
    public void A_batch_split_between_the_cores_gives_every_sample_the_same_values_as_alone(string name)
    {
        // 400 units × 256 samples is work enough for every core the batch may be split over.
        var rng = new Rng(11);
        var x = GradientCheck.Random(400, 256, rng);
        var g = GradientCheck.Random(400, 256, rng);
        var batch = Create(name);
        var y = batch.Forward(x).Clone();
        var dx = batch.Backward(g).Clone();
        foreach (int j in new[] { 0, 127, 128, 255 })
        {
            var alone = Create(name);
            Assert.Equal(alone.Forward(x.SubMatrix(0, 400, j, 1)).Column(0).ToArray(), y.Column(j).ToArray());
            Assert.Equal(alone.Backward(g.SubMatrix(0, 400, j, 1)).Column(0).ToArray(), dx.Column(j).ToArray());
        }
    }

    [Fact]
    public void Known_values()
    {
        var x = Column(-1.0, 0.0, 2.0);
        Assert.Equal([Math.Tanh(-1), 0.0, Math.Tanh(2)], new Tanh<double>().Forward(x).Column(0).ToArray());
        Assert.Equal([0.2689414213699951, 0.5, 0.8807970779778823],
            new Sigmoid<double>().Forward(x).Column(0).ToArray(), new RoundingComparer(15));
        Assert.Equal([0.0, 0.0, 2.0], new ReLU<double>().Forward(x).Column(0).ToArray());
        // softmax([1, 2, 3]) = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219]
        Assert.Equal([0.09003057317038046, 0.24472847105479767, 0.6652409557748219],
            new Softmax<double>().Forward(Column(1, 2, 3)).Column(0).ToArray(), new RoundingComparer(15));
    }

    [Fact]
    public void Tanh_derivative_is_one_minus_tanh_squared()
    {
        var tanh = new Tanh<double>();
        tanh.Forward(Column(0.5));
        Assert.Equal(1 - Math.Tanh(0.5) * Math.Tanh(0.5), tanh.Backward(Column(1.0))[0, 0], 15);
    }

    [Fact]
    public void Tanh_gradient_from_its_output_is_the_derivative_bit_for_bit()
    {
        var x = Column(-3.5, -0.7, 0, 1e-9, 0.25, 2, 19);
        var g = Column(0.3, -1.25, 2, 1, -0.5, 7, 1e-3);
        var tanh = new Tanh<double>();
        tanh.Forward(x);
        var dx = tanh.Backward(g);
        for (int i = 0; i < x.RowCount; i++)
            Assert.Equal((1 - Math.Tanh(x[i, 0]) * Math.Tanh(x[i, 0])) * g[i, 0], dx[i, 0]); // exact, not rounded
    }

    [Fact]
    public void Softmax_is_stable_for_large_inputs()
    {
        // The tutorial's exp(1000) overflows to inf and inf/inf = NaN; subtracting the maximum avoids it.
        var y = new Softmax<double>().Forward(Column(1000, 1001, 1002));
        Assert.Equal([0.09003057317038046, 0.24472847105479767, 0.6652409557748219], y.Column(0).ToArray(), new RoundingComparer(15));
        var z = new Softmax<float>().Forward(Matrix<float>.Build.Dense(2, 1, [1000f, -1000f]));
        Assert.Equal(1f, z[0, 0]);
        Assert.Equal(0f, z[1, 0]);
    }

    [Fact]
    public void Float_and_double_networks_share_the_same_classes()
    {
        var xf = Matrix<float>.Build.Dense(3, 1, [-1f, 0f, 2f]);
        var yf = new Tanh<float>().Forward(xf);
        Assert.Equal(MathF.Tanh(2f), yf[2, 0], 6);
    }

    internal static Matrix<double> Column(params double[] values) => Matrix<double>.Build.Dense(values.Length, 1, values);

    internal sealed class RoundingComparer(int digits) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Round(a, digits) == Math.Round(b, digits);
        public int GetHashCode(double value) => Math.Round(value, digits).GetHashCode();
    }
}
