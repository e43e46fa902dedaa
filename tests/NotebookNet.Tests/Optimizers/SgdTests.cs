using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;
using NotebookNet.Optimizers;

namespace NotebookNet.Tests.Optimizers;

public class SgdTests
{
    // 19 values: two full vectors of 8 floats (or four of 4 doubles) and a scalar tail, all updated alike.
    internal static Parameter<T> Parameter<T>(T value) where T : struct, System.Numerics.IFloatingPointIeee754<T> =>
        new("w", Matrix<T>.Build.Dense(19, 1, value));

    private static double[] Run(Optimizer<double> optimizer, params double[] gradients)
    {
        var p = Parameter(1.0);
        var values = new List<double>();
        foreach (var g in gradients)
        {
            p.Gradient.MapInplace(_ => g, MathNet.Numerics.LinearAlgebra.Zeros.Include);
            optimizer.Step([p]);
            Assert.All(p.Value.Enumerate(), v => Assert.Equal(p.Value[0, 0], v));
            values.Add(p.Value[0, 0]);
        }
        return [.. values];
    }

    [Fact]
    public void Plain_step_is_p_minus_lr_times_g()
    {
        // 1 − 0.1·0.5 = 0.95; 0.95 − 0.1·0.5 = 0.9
        var v = Run(new Sgd<double>(0.1), 0.5, 0.5);
        Assert.Equal(0.95, v[0], 1e-15);
        Assert.Equal(0.90, v[1], 1e-15);
    }

    [Fact]
    public void Momentum_starts_the_buffer_at_the_first_gradient()
    {
        // buf = 0.5 → p = 0.95; buf = 0.9·0.5 + 0.5 = 0.95 → p = 0.95 − 0.095 = 0.855
        var v = Run(new Sgd<double>(0.1, momentum: 0.9), 0.5, 0.5);
        Assert.Equal(0.95, v[0], 1e-15);
        Assert.Equal(0.855, v[1], 1e-15);
    }

    [Fact]
    public void Nesterov_steps_along_g_plus_momentum_times_buffer()
    {
        // buf = 0.5, d = 0.5 + 0.9·0.5 = 0.95 → p = 0.905; buf = 0.95, d = 0.5 + 0.855 = 1.355 → p = 0.7695
        var v = Run(new Sgd<double>(0.1, momentum: 0.9, nesterov: true), 0.5, 0.5);
        Assert.Equal(0.905, v[0], 1e-15);
        Assert.Equal(0.7695, v[1], 1e-15);
    }

    [Fact]
    public void Weight_decay_adds_wd_times_p_to_the_gradient()
    {
        // d = 0.5 + 0.01·1 = 0.51 → p = 0.949; d = 0.5 + 0.01·0.949 = 0.50949 → p = 0.949 − 0.050949 = 0.898051
        var v = Run(new Sgd<double>(0.1, weightDecay: 0.01), 0.5, 0.5);
        Assert.Equal(0.949, v[0], 1e-15);
        Assert.Equal(0.898051, v[1], 1e-15);
        // With momentum the decayed gradient enters the buffer: buf = 0.51 → p = 0.949;
        // d = 0.50949, buf = 0.9·0.51 + 0.50949 = 0.96849 → p = 0.949 − 0.096849 = 0.852151
        var m = Run(new Sgd<double>(0.1, momentum: 0.9, weightDecay: 0.01), 0.5, 0.5);
        Assert.Equal(0.852151, m[1], 1e-15);
    }

    [Fact]
    public void Float_parameters_take_the_same_steps()
    {
        var p = Parameter(1f);
        var sgd = new Sgd<float>(0.1, momentum: 0.9);
        p.Gradient.MapInplace(_ => 0.5f, MathNet.Numerics.LinearAlgebra.Zeros.Include);
        sgd.Step([p]);
        sgd.Step([p]);
        Assert.All(p.Value.Enumerate(), v => Assert.Equal(0.855f, v, 1e-6f));
    }

    [Fact]
    public void The_learning_rate_can_change_between_steps()
    {
        var sgd = new Sgd<double>(0.1);
        var p = Parameter(1.0);
        p.Gradient.MapInplace(_ => 1.0, MathNet.Numerics.LinearAlgebra.Zeros.Include);
        sgd.Step([p]);
        sgd.LearningRate = 0.01;
        sgd.Step([p]);
        Assert.Equal(0.89, p.Value[0, 0], 1e-15);
        Assert.Equal(2, sgd.Steps);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>(0.1, momentum: 1));
        Assert.Throws<ArgumentException>(() => new Sgd<double>(0.1, nesterov: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>(double.NaN));
    }
}
