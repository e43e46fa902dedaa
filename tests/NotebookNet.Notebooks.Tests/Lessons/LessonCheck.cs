namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// C# that a lesson test's check starts with (it runs in the notebook's kernel, after its setup and lesson cells):
/// the largest difference of two matrices, a central-difference derivative, and the <c>name=value</c> line that
/// <see cref="LessonRun"/> reads back. Named with a <c>Check</c> prefix so they never clash with a notebook's own names.
/// </summary>
internal static class LessonCheck
{
    /// <summary>The tolerance of the twin checks (teaching convention: the notebook's class and the library agree to it).</summary>
    public const double Twin = 1e-12;

    /// <summary>How far a central difference with h = 1e-6 may be from the exact derivative of these small examples.</summary>
    public const double Numerical = 1e-7;

    public const string Helpers = """
        double CheckGap(MathNet.Numerics.LinearAlgebra.Matrix<double> a, MathNet.Numerics.LinearAlgebra.Matrix<double> b) =>
            (a - b).Enumerate().Max(Math.Abs);

        // d f / d m[i, j] for every element of m, by central differences (m is restored).
        MathNet.Numerics.LinearAlgebra.Matrix<double> CheckNumeric(Func<double> f, MathNet.Numerics.LinearAlgebra.Matrix<double> m)
        {
            const double h = 1e-6;
            var result = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount);
            for (int i = 0; i < m.RowCount; i++)
                for (int j = 0; j < m.ColumnCount; j++)
                {
                    double v = m[i, j];
                    m[i, j] = v + h; double plus = f();
                    m[i, j] = v - h; double minus = f();
                    m[i, j] = v;
                    result[i, j] = (plus - minus) / (2 * h);
                }
            return result;
        }

        // A matrix of N(0, 1) draws from a generator of its own, so the check does not move Rng.Shared.
        MathNet.Numerics.LinearAlgebra.Matrix<double> CheckRandom(int rows, int columns, uint seed)
        {
            var rng = new NotebookNet.Rng(seed);
            var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(rows, columns);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) m[i, j] = rng.NextGaussian();
            return m;
        }

        void CheckPrint(string name, double value) =>
            Console.WriteLine(name + "=" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

        """;
}
