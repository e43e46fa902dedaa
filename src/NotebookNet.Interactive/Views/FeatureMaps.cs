using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Interactive.Imaging;

namespace NotebookNet.Interactive;

/// <summary>Pictures of what a convolutional layer sees: its kernels and the maps it produces.</summary>
public static class FeatureMaps
{
    /// <summary>
    /// Shows one sample of a layer's input or output: column <paramref name="sample"/> of <paramref name="column"/> holds
    /// <paramref name="channels"/>·<paramref name="height"/>·<paramref name="width"/> values in CHW order (channel after
    /// channel, each row by row), as NotebookNet's convolutional layers store one image per column.
    /// </summary>
    public static FeatureMapGrid Show<T>(Matrix<T> column, int channels, int height, int width, int scale = 4,
        string? title = null, int sample = 0) where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        int size = height * width;
        if (column.RowCount != channels * size)
            throw new ArgumentException(
                $"A {channels}×{height}×{width} map needs {channels * size} rows, the matrix is {column.RowCount}×{column.ColumnCount}.",
                nameof(column));
        if ((uint)sample >= (uint)column.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"The matrix has {column.ColumnCount} columns (samples).");
        var values = Colormap.ToDoubles<T>(column.Column(sample).ToArray());
        var maps = new List<FeatureMapGrid.Map>(channels);
        for (int c = 0; c < channels; c++)
            maps.Add(Render($"canal {c}", values.AsSpan(c * size, size), height, width, scale));
        return new FeatureMapGrid(maps, title, Columns(channels));
    }

    /// <summary>Shows each matrix as one picture (row i of the matrix is row i of the picture), e.g. the kernels of a layer.</summary>
    public static FeatureMapGrid Show<T>(IReadOnlyList<Matrix<T>> maps, int scale = 4, string? title = null)
        where T : struct, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Count == 0) throw new ArgumentException("There are no maps to show.", nameof(maps));
        var result = new List<FeatureMapGrid.Map>(maps.Count);
        for (int m = 0; m < maps.Count; m++)
        {
            var map = maps[m] ?? throw new ArgumentNullException(nameof(maps), $"maps[{m}] is null.");
            var values = new double[map.RowCount * map.ColumnCount];
            for (int y = 0; y < map.RowCount; y++)
                for (int x = 0; x < map.ColumnCount; x++)
                    values[y * map.ColumnCount + x] = double.CreateChecked(map[y, x]);
            result.Add(Render($"mapa {m}", values, map.RowCount, map.ColumnCount, scale));
        }
        return new FeatureMapGrid(result, title, Columns(maps.Count));
    }

    private static FeatureMapGrid.Map Render(string caption, ReadOnlySpan<double> values, int height, int width, int scale)
    {
        var raster = Colormap.Render(values, height, width, out double min, out double max);
        return new FeatureMapGrid.Map(caption, raster.Scale(scale), min, max);
    }

    private static int Columns(int count) => Math.Clamp(count, 1, 8);
}
