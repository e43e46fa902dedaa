using System.Globalization;
using System.Numerics;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Drawing;

/// <summary>
/// Turns a digit drawn with a pen (strokes of points, in any units: a canvas' pixels) into a 28×28 input the way
/// MNIST's digits were made: the drawing's bounding box is scaled into a 20×20 box keeping its aspect ratio, the
/// strokes are drawn with anti-aliased grey levels, and the picture is moved so its centre of mass lies at the centre
/// of the 28×28 field. The drawing pad of <c>NotebookNet.Interactive</c> runs the same arithmetic in JavaScript, step
/// for step, so a digit drawn in the page and the same strokes given here give the same 784 values.
/// <para>
/// The pen has a fixed width in the 28×28 field (<see cref="PenRadius"/>), so a digit drawn small or large comes out
/// with MNIST-like strokes. A pixel's grey level is <c>clamp(r + ½ − d, 0, 1)</c>, with d the distance from the
/// pixel's centre to the nearest stroke: 1 inside the pen, fading to 0 over one pixel at the edge. The centre of mass
/// is measured on the drawing placed by its bounding box, then the strokes are drawn again shifted by the fraction of
/// a pixel that centres it, so no picture is resampled.
/// </para>
/// </summary>
public static class DrawnDigit
{
    /// <summary>The field's side: 28 pixels.</summary>
    public const int Size = 28;

    /// <summary>The box the drawing is scaled into, ink included: 20 pixels, as MNIST's.</summary>
    public const int Box = 20;

    /// <summary>The pen's radius in the 28×28 field's pixels (strokes about 2.4 pixels wide, plus the fading edge).</summary>
    public const double PenRadius = 1.2;

    /// <summary>
    /// The 784 grey levels in [0, 1], row by row (all zeros for an empty drawing). Each stroke is a polyline; a stroke
    /// of one point is a dot.
    /// </summary>
    public static double[] Preprocess(IReadOnlyList<IReadOnlyList<(double X, double Y)>> strokes)
    {
        ArgumentNullException.ThrowIfNull(strokes);
        var pixels = new double[Size * Size];
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (int s = 0; s < strokes.Count; s++)
        {
            foreach (var (x, y) in strokes[s])
            {
                if (!double.IsFinite(x) || !double.IsFinite(y))
                    throw new ArgumentException($"DrawnDigit: stroke {s} has a point ({x}, {y}) that is not a finite number.", nameof(strokes));
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
            }
        }
        if (double.IsInfinity(minX)) return pixels;

        double extent = Math.Max(maxX - minX, maxY - minY);
        double scale = extent > 0 ? (Box - 2 * PenRadius) / extent : 1;
        double centreX = (minX + maxX) / 2, centreY = (minY + maxY) / 2;
        double half = Size / 2.0;

        Render(strokes, scale, half - centreX * scale, half - centreY * scale, pixels);
        double mass = 0, massX = 0, massY = 0;
        for (int r = 0; r < Size; r++)
            for (int c = 0; c < Size; c++)
            {
                double v = pixels[r * Size + c];
                mass += v;
                massX += v * (c + 0.5);
                massY += v * (r + 0.5);
            }
        if (mass == 0) return pixels;
        Render(strokes, scale, half - centreX * scale + (half - massX / mass), half - centreY * scale + (half - massY / mass), pixels);
        return pixels;
    }

    /// <summary><see cref="Preprocess"/> as a 784×1 input column for a network of <typeparamref name="T"/>.</summary>
    public static Matrix<T> Column<T>(IReadOnlyList<IReadOnlyList<(double X, double Y)>> strokes) where T : struct, IFloatingPointIeee754<T>
    {
        var pixels = Preprocess(strokes);
        return Matrix<T>.Build.Dense(Size * Size, 1, (i, _) => T.CreateChecked(pixels[i]));
    }

    /// <summary>
    /// Reads strokes as the drawing pad copies them: a JSON array of strokes, each a flat array
    /// <c>[x0, y0, x1, y1, …]</c>, e.g. <c>[[10,20, 10,200]]</c> for a "1".
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<(double X, double Y)>> ParseStrokes(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new FormatException("DrawnDigit.ParseStrokes: expected a JSON array of strokes, e.g. [[10,20, 10,200]].");
            var strokes = new List<IReadOnlyList<(double X, double Y)>>();
            int s = 0;
            foreach (var stroke in document.RootElement.EnumerateArray())
            {
                if (stroke.ValueKind != JsonValueKind.Array || stroke.GetArrayLength() % 2 != 0)
                    throw new FormatException($"DrawnDigit.ParseStrokes: stroke {s} is not a flat array of x, y pairs.");
                var numbers = stroke.EnumerateArray().Select(n => n.ValueKind == JsonValueKind.Number
                    ? n.GetDouble()
                    : throw new FormatException($"DrawnDigit.ParseStrokes: stroke {s} holds {n.GetRawText()}, not a number.")).ToArray();
                strokes.Add([.. Enumerable.Range(0, numbers.Length / 2).Select(i => (numbers[2 * i], numbers[2 * i + 1]))]);
                s++;
            }
            return strokes;
        }
        catch (JsonException e)
        {
            throw new FormatException($"DrawnDigit.ParseStrokes: not JSON ({e.Message}).", e);
        }
    }

    /// <summary>Formats strokes as <see cref="ParseStrokes"/> reads them (round-trip numbers, culture-invariant).</summary>
    public static string FormatStrokes(IReadOnlyList<IReadOnlyList<(double X, double Y)>> strokes) =>
        "[" + string.Join(",", strokes.Select(stroke =>
            "[" + string.Join(",", stroke.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:R},{p.Y:R}"))) + "]")) + "]";

    // Draws every stroke mapped by p → p·scale + offset into pixels (overwritten).
    private static void Render(IReadOnlyList<IReadOnlyList<(double X, double Y)>> strokes, double scale,
        double offsetX, double offsetY, double[] pixels)
    {
        double reach = PenRadius + 0.5;
        for (int r = 0; r < Size; r++)
        {
            for (int c = 0; c < Size; c++)
            {
                double px = c + 0.5, py = r + 0.5;
                double best = double.PositiveInfinity;
                foreach (var stroke in strokes)
                {
                    if (stroke.Count == 0) continue;
                    // Segments from each point to the next; a stroke of one point is the segment from it to itself, a dot.
                    for (int i = 0; i < Math.Max(1, stroke.Count - 1); i++)
                    {
                        var (ax, ay) = (stroke[i].X * scale + offsetX, stroke[i].Y * scale + offsetY);
                        var b = stroke[Math.Min(i + 1, stroke.Count - 1)];
                        best = Math.Min(best, SquaredDistance(px, py, ax, ay, b.X * scale + offsetX, b.Y * scale + offsetY));
                    }
                }
                pixels[r * Size + c] = Math.Clamp(reach - Math.Sqrt(best), 0, 1);
            }
        }
    }

    // From (px, py) to the segment a–b (a point when a = b).
    private static double SquaredDistance(double px, double py, double ax, double ay, double bx, double by)
    {
        double vx = bx - ax, vy = by - ay;
        double length = vx * vx + vy * vy;
        double t = length > 0 ? Math.Clamp(((px - ax) * vx + (py - ay) * vy) / length, 0, 1) : 0;
        double dx = px - (ax + t * vx), dy = py - (ay + t * vy);
        return dx * dx + dy * dy;
    }
}
