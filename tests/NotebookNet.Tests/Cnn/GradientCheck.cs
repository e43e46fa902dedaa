using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Tests.Cnn;

/// <summary>
/// Central-difference gradient checks in double. The scalar checked is <c>L = Σ output ∘ R</c> for a fixed
/// random R, so ∂L/∂output = R and every input and parameter gradient of the layer is exercised.
/// </summary>
internal static class GradientCheck
{
    private const double H = 1e-6, Tolerance = 1e-6;

    public static Matrix<double> Random(int rows, int columns, Rng rng, double scale = 1) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => rng.NextGaussian() * scale);

    /// <summary>
    /// Checks ∂L/∂input and every ∂L/∂parameter of <paramref name="layer"/> at <paramref name="x"/>: every entry, or
    /// <paramref name="samples"/> entries of each drawn at random (for layers too big to perturb one by one).
    /// </summary>
    public static void Layer(Layer<double> layer, Matrix<double> x, Rng rng, int? samples = null)
    {
        var output = layer.Forward(x);
        var r = Random(output.RowCount, output.ColumnCount, rng);
        var analyticInput = layer.Backward(r).Clone();
        var analyticParams = layer.Parameters.Select(p => p.Gradient.Clone()).ToArray();

        double Loss() => layer.Forward(x).PointwiseMultiply(r).Enumerate().Sum();

        Compare(MatrixData.Of(x), MatrixData.Of(analyticInput), Loss, $"{layer.Name} ∂L/∂input", Indices(x.RowCount * x.ColumnCount));
        for (int k = 0; k < analyticParams.Length; k++)
        {
            var p = layer.Parameters[k];
            Compare(MatrixData.Of(p.Value), MatrixData.Of(analyticParams[k]), Loss, $"{layer.Name} ∂L/∂{p.Name}",
                Indices(p.Value.RowCount * p.Value.ColumnCount));
        }

        IEnumerable<int> Indices(int count) =>
            samples is int s && s < count ? Enumerable.Range(0, s).Select(_ => rng.NextInt(count)) : Enumerable.Range(0, count);
    }

    /// <summary>Checks <paramref name="analytic"/> against central differences of <paramref name="loss"/> in every entry of <paramref name="values"/>.</summary>
    public static void Compare(double[] values, double[] analytic, Func<double> loss, string what, IEnumerable<int>? indices = null)
    {
        Assert.Equal(values.Length, analytic.Length);
        foreach (int i in indices ?? Enumerable.Range(0, values.Length))
        {
            double saved = values[i];
            values[i] = saved + H;
            double plus = loss();
            values[i] = saved - H;
            double minus = loss();
            values[i] = saved;
            double numeric = (plus - minus) / (2 * H);
            double error = Math.Abs(numeric - analytic[i]) / Math.Max(1, Math.Abs(numeric) + Math.Abs(analytic[i]));
            Assert.True(error < Tolerance, $"{what}[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
    }
}
