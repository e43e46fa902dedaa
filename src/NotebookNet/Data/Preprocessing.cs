using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Data;

/// <summary>The tutorial's <c>preprocess_data</c> and <c>to_categorical</c>.</summary>
public static class Preprocessing
{
    /// <summary>
    /// Turns the first <paramref name="limit"/> images into 784×1 columns scaled to [0, 1] and their labels into
    /// one-hot 10×1 columns. As in the tutorial, pixels are divided by 255 in float32 and then used as float64.
    /// </summary>
    public static (Matrix<double>[] X, Matrix<double>[] Y) PreprocessData(MnistImages x, byte[] y, int limit)
    {
        if (x.Count != y.Length)
            throw new ArgumentException($"There are {x.Count} images but {y.Length} labels.");
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        int n = Math.Min(limit, x.Count), size = x.Height * x.Width;
        var xs = new Matrix<double>[n];
        var ys = new Matrix<double>[n];
        for (int s = 0; s < n; s++)
        {
            var column = new double[size];
            ToColumn(x[s], column);
            xs[s] = Matrix<double>.Build.Dense(size, 1, column);
            ys[s] = ToCategorical(y[s], 10);
        }
        return (xs, ys);
    }

    /// <summary>
    /// One image's pixels scaled to [0, 1] as <see cref="PreprocessData"/> scales them (divided by 255 in float32,
    /// then widened to float64), into <paramref name="column"/>: for a caller that reuses one column per image.
    /// </summary>
    public static void ToColumn(ReadOnlySpan<byte> pixels, Span<double> column)
    {
        if (column.Length != pixels.Length)
            throw new ArgumentException($"The column has {column.Length} elements but the image {pixels.Length} pixels.", nameof(column));
        for (int i = 0; i < pixels.Length; i++) column[i] = pixels[i] / 255f;
    }

    /// <summary>A one-hot column: <paramref name="numClasses"/>×1 with a 1 at <paramref name="label"/>.</summary>
    public static Matrix<double> ToCategorical(int label, int numClasses = 10)
    {
        if ((uint)label >= (uint)numClasses)
            throw new ArgumentOutOfRangeException(nameof(label), label, $"A label must be in [0, {numClasses}).");
        var m = Matrix<double>.Build.Dense(numClasses, 1);
        m[label, 0] = 1;
        return m;
    }
}
