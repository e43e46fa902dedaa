using System.Numerics;

namespace NotebookNet.Interactive.Imaging;

/// <summary>Turns a 2-D array of numbers into pixels: grayscale for non-negative data, blue–white–red for signed data.</summary>
public static class Colormap
{
    /// <summary>
    /// Maps <paramref name="values"/> (row-major, <paramref name="height"/>×<paramref name="width"/>) to a raster.
    /// If any value is negative the map is diverging (−max|v| blue, 0 white, +max|v| red) so that the sign of a
    /// kernel weight is visible; otherwise min→black and max→white. NaN shows as magenta.
    /// </summary>
    public static Raster Render(ReadOnlySpan<double> values, int height, int width, out double min, out double max)
    {
        if (values.Length != height * width)
            throw new ArgumentException($"A {height}×{width} map needs {height * width} values, got {values.Length}.");
        (min, max) = Range(values);
        bool signed = min < 0;
        var raster = new Raster(width, height, PngColor.Rgb);
        var p = raster.Pixels;
        double maxAbs = Math.Max(Math.Abs(min), Math.Abs(max));
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            (byte r, byte g, byte b) rgb;
            if (double.IsNaN(v)) rgb = (255, 0, 255);
            else if (signed) rgb = Diverging(maxAbs == 0 ? 0 : v / maxAbs);
            else
            {
                byte level = max > min ? ToByte((v - min) / (max - min)) : (byte)(max > 0 ? 255 : 0);
                rgb = (level, level, level);
            }
            (p[3 * i], p[3 * i + 1], p[3 * i + 2]) = rgb;
        }
        return raster;
    }

    /// <summary>Converts any IEEE floating type (float, double) for <see cref="Render"/>.</summary>
    public static double[] ToDoubles<T>(ReadOnlySpan<T> values) where T : struct, IFloatingPointIeee754<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = double.CreateChecked(values[i]);
        return result;
    }

    /// <summary>t in [−1, 1] → blue (#2166ac) … white … red (#b2182b), like matplotlib's RdBu reversed.</summary>
    internal static (byte R, byte G, byte B) Diverging(double t)
    {
        t = Math.Clamp(t, -1, 1);
        (double r, double g, double b) end = t < 0 ? (0x21, 0x66, 0xAC) : (0xB2, 0x18, 0x2B);
        double a = Math.Abs(t);
        return ((byte)Math.Round(255 + (end.r - 255) * a),
                (byte)Math.Round(255 + (end.g - 255) * a),
                (byte)Math.Round(255 + (end.b - 255) * a));
    }

    private static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return double.IsInfinity(min) && min > 0 ? (0, 0) : (min, max);
    }

    private static byte ToByte(double unit) => (byte)Math.Round(Math.Clamp(unit, 0, 1) * 255);
}
