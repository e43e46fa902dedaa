using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Tests;

/// <summary>
/// Central-difference gradient checks in double. The scalar loss is L = Σ R ∘ f(X) for a fixed random R, so ∂L/∂f = R
/// and every analytic gradient a layer returns can be compared with (L(θ+h) − L(θ−h)) / 2h.
/// </summary>
public static class GradientCheck
{
    public const double Step = 1e-6;

    public static Matrix<double> Random(int rows, int columns, Rng rng, double scale = 1.0) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => rng.NextGaussian() * scale);

    /// <summary>
    /// Asserts the layer's input and parameter gradients match central differences: in every entry, or in
    /// <paramref name="samples"/> entries of each drawn at random (for layers too big to perturb one by one).
    /// </summary>
    public static void Layer(Layer<double> layer, Matrix<double> input, Rng rng, int? samples = null, double tolerance = 1e-6)
    {
        var output = layer.Forward(input);
        var r = Random(output.RowCount, output.ColumnCount, rng);
        double Loss() => layer.Forward(input).PointwiseMultiply(r).Enumerate().Sum();

        layer.Forward(input);
        // Layers own the matrices they return (Layer<T>'s rule), so keep copies across the perturbed passes.
        var inputGradient = layer.Backward(r).Clone();
        var parameterGradients = layer.Parameters.Select(p => p.Gradient.Clone()).ToList();

        Compare($"{layer.Name} ∂L/∂input", input, inputGradient, Loss, Indices(input), tolerance);
        for (int i = 0; i < layer.Parameters.Count; i++)
        {
            var p = layer.Parameters[i];
            Compare($"{layer.Name} ∂L/∂{p.Name}", p.Value, parameterGradients[i], Loss, Indices(p.Value), tolerance);
        }

        IEnumerable<int>? Indices(Matrix<double> m)
        {
            int count = m.RowCount * m.ColumnCount;
            return samples is int s && s < count ? [.. Enumerable.Range(0, s).Select(_ => rng.NextInt(count))] : null;
        }
    }

    /// <summary>
    /// Asserts <paramref name="analytic"/> is the gradient of <paramref name="loss"/> with respect to <paramref name="at"/>,
    /// in every entry or in the column-major <paramref name="indices"/> given.
    /// </summary>
    public static void Compare(string what, Matrix<double> at, Matrix<double> analytic, Func<double> loss,
        IEnumerable<int>? indices = null, double tolerance = 1e-6)
    {
        Assert.Equal(at.RowCount, analytic.RowCount);
        Assert.Equal(at.ColumnCount, analytic.ColumnCount);
        foreach (int index in indices ?? Enumerable.Range(0, at.RowCount * at.ColumnCount))
        {
            int i = index % at.RowCount, j = index / at.RowCount;
            double saved = at[i, j];
            at[i, j] = saved + Step;
            double plus = loss();
            at[i, j] = saved - Step;
            double minus = loss();
            at[i, j] = saved;
            double numeric = (plus - minus) / (2 * Step);
            double error = Math.Abs(numeric - analytic[i, j]) / Math.Max(1.0, Math.Abs(numeric) + Math.Abs(analytic[i, j]));
            Assert.True(error < tolerance,
                FormattableString.Invariant($"{what} at ({i},{j}): analytic {analytic[i, j]:R}, numeric {numeric:R}, error {error:E2}"));
        }
    }
}
