using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;
using NotebookNet.Losses;
using static NotebookNet.Training.Tutorial;

namespace NotebookNet.Tests.Training;

public class TutorialTests
{
    private static readonly Matrix<double>[] XorX =
        [Col(0, 0), Col(0, 1), Col(1, 0), Col(1, 1)];
    private static readonly Matrix<double>[] XorY = [Col(0), Col(1), Col(1), Col(0)];

    private static Layer<double>[] XorNetwork(uint seed)
    {
        var rng = new Rng(seed);
        return [new Dense<double>(2, 3, rng: rng), new Tanh<double>(), new Dense<double>(3, 1, rng: rng), new Tanh<double>()];
    }

    [Fact]
    public void Learns_xor_with_the_tutorials_loop()
    {
        var network = XorNetwork(0);
        var errors = Train(network, Loss.Mse, Loss.MsePrime, XorX, XorY, epochs: 1000, learningRate: 0.1, verbose: false);
        Assert.Equal(1000, errors.Length);
        Assert.True(errors[^1] < 0.01, $"final error {errors[^1]}");
        Assert.True(errors[^1] < errors[0] / 10);
        for (int i = 0; i < 4; i++)
            Assert.Equal(XorY[i][0, 0], Math.Round(Predict(network, XorX[i])[0, 0]));
    }

    [Fact]
    public void Skipping_the_first_layers_input_gradient_changes_no_bit()
    {
        // The tutorial's loop written out, every layer computing its input gradient.
        var plain = XorNetwork(7);
        var plainErrors = new double[30];
        for (int e = 0; e < plainErrors.Length; e++)
        {
            for (int s = 0; s < XorX.Length; s++)
            {
                var output = Predict(plain, XorX[s]);
                plainErrors[e] += Loss.Mse(XorY[s], output);
                var grad = Loss.MsePrime(XorY[s], output);
                for (int l = plain.Length - 1; l >= 0; l--) grad = plain[l].Backward(grad, 0.1);
            }
            plainErrors[e] /= XorX.Length;
        }

        var network = XorNetwork(7);
        var errors = Train(network, Loss.Mse, Loss.MsePrime, XorX, XorY, epochs: plainErrors.Length, learningRate: 0.1, verbose: false);

        Assert.Equal(plainErrors, errors);
        for (int l = 0; l < network.Length; l++)
            for (int p = 0; p < network[l].Parameters.Count; p++)
                Assert.Equal(plain[l].Parameters[p].Value.ToColumnMajorArray(), network[l].Parameters[p].Value.ToColumnMajorArray());
        Assert.True(network[0].InputGradientNeeded, "Train restores the first layer's setting");
    }

    [Fact]
    public void Same_seed_gives_the_same_history_bit_for_bit()
    {
        double[] Run(uint seed) => Train(XorNetwork(seed), Loss.Mse, Loss.MsePrime, XorX, XorY, epochs: 50, learningRate: 0.1, verbose: false);
        Assert.Equal(Run(4), Run(4));
        Assert.NotEqual(Run(4), Run(5));
    }

    [Fact]
    public void Progress_lines_are_culture_invariant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es-ES");
            var log = new StringWriter();
            var errors = Train(XorNetwork(0), Loss.Mse, Loss.MsePrime, XorX, XorY, epochs: 2, learningRate: 0.1, log: log);
            var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(2, lines.Length);
            Assert.Equal($"1/2, error={errors[0].ToString("R", CultureInfo.InvariantCulture)}", lines[0]);
            Assert.Matches(@"^2/2, error=0\.\d+", lines[1]);
            Assert.Equal(errors[1], double.Parse(lines[1].Split('=')[1], CultureInfo.InvariantCulture));
            Assert.Equal("pred: 7 \ttrue: 2", FormatPrediction(7, 2));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Mismatched_training_sets_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Train(XorNetwork(0), Loss.Mse, Loss.MsePrime, XorX, XorY[..3], epochs: 1, verbose: false));
        Assert.Contains("4", error.Message);
        Assert.Contains("3", error.Message);
    }

    private static Matrix<double> Col(params double[] v) => Matrix<double>.Build.Dense(v.Length, 1, v);
}
