using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Optimizers;

public class AdamTests
{
    private static double[] Run(Adam<double> adam, params double[] gradients)
    {
        var p = SgdTests.Parameter(1.0);
        var values = new List<double>();
        foreach (var g in gradients)
        {
            p.Gradient.MapInplace(_ => g, MathNet.Numerics.LinearAlgebra.Zeros.Include);
            adam.Step([p]);
            Assert.All(p.Value.Enumerate(), v => Assert.Equal(p.Value[0, 0], v));
            values.Add(p.Value[0, 0]);
        }
        return [.. values];
    }

    [Fact]
    public void Two_steps_with_bias_correction()
    {
        // lr 0.1, β₁ 0.9, β₂ 0.999, ε 1e-8, p = 1.
        // Step 1, g = 0.5: m = 0.05, v = 0.001·0.25 = 0.00025, 1−β₁ = 0.1, 1−β₂ = 0.001;
        //   p = 1 − (0.1/0.1)·0.05 / (√0.00025/√0.001 + 1e-8) = 1 − 0.05/0.50000001 = 0.900000002
        // Step 2, g = −0.25: m = 0.045 − 0.025 = 0.02, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225,
        //   1−β₁² = 0.19, 1−β₂² = 0.001999;
        //   p = 0.900000002 − (0.1/0.19)·0.02 / (√0.00031225/√0.001999 + 1e-8) = 0.8733662987078463
        var v = Run(new Adam<double>(0.1), 0.5, -0.25);
        Assert.Equal(1 - 0.05 / 0.50000001, v[0], 1e-15);
        Assert.Equal(0.900000002, v[0], 1e-15);
        double expected = v[0] - 0.1 / 0.19 * 0.02 / (Math.Sqrt(0.00031225) / Math.Sqrt(0.001999) + 1e-8);
        Assert.Equal(expected, v[1], 1e-14);
        Assert.Equal(0.8733662987078463, v[1], 1e-12);
    }

    [Fact]
    public void Weight_decay_is_added_to_the_gradient()
    {
        // Step 1: d = 0.5 + 0.1·1 = 0.6, m = 0.06, v = 0.00036 → p = 1 − 0.06/(0.6 + 1e-8)·… = 0.9000000016666666
        // Step 2: d = −0.25 + 0.1·0.9000000016666666 = −0.15999999983333335, m = 0.054 − 0.016 = 0.038000000016666665,
        //   v = 0.999·0.00036 + 0.001·0.0256 = 0.00038524 → p = 0.8544413674617625
        var v = Run(new Adam<double>(0.1, weightDecay: 0.1), 0.5, -0.25);
        Assert.Equal(0.9000000016666666, v[0], 1e-15);
        Assert.Equal(0.8544413674617625, v[1], 1e-12);
    }

    [Fact]
    public void Each_parameter_keeps_its_own_step_count()
    {
        var adam = new Adam<double>(0.1);
        var a = SgdTests.Parameter(1.0);
        var b = SgdTests.Parameter(1.0);
        a.Gradient.MapInplace(_ => 0.5, MathNet.Numerics.LinearAlgebra.Zeros.Include);
        b.Gradient.MapInplace(_ => 0.5, MathNet.Numerics.LinearAlgebra.Zeros.Include);
        adam.Step([a]);
        adam.Step([a, b]);
        // b's first step is bias-corrected as a first step: a full lr move.
        Assert.Equal(0.900000002, b.Value[0, 0], 1e-15);
        Assert.NotEqual(a.Value[0, 0], b.Value[0, 0]);
    }

    [Fact]
    public void Float_matches_double_to_float_precision()
    {
        var p = SgdTests.Parameter(1f);
        var adam = new Adam<float>(0.1);
        p.Gradient.MapInplace(_ => 0.5f, MathNet.Numerics.LinearAlgebra.Zeros.Include);
        adam.Step([p]);
        p.Gradient.MapInplace(_ => -0.25f, MathNet.Numerics.LinearAlgebra.Zeros.Include);
        adam.Step([p]);
        Assert.All(p.Value.Enumerate(), v => Assert.Equal(0.8733663f, v, 1e-6f));
    }
}
