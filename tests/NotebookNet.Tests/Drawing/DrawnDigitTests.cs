using NotebookNet.Drawing;

namespace NotebookNet.Tests.Drawing;

using Strokes = List<List<(double X, double Y)>>;

public sealed class DrawnDigitTests
{
    private static readonly Strokes One = [[(140, 40), (138, 90), (136, 150), (134, 240)]];
    private static readonly Strokes Seven = [[(60, 50), (220, 50), (120, 250)], [(100, 150), (190, 150)]];
    private static readonly Strokes Zero = [[.. Enumerable.Range(0, 41).Select(i =>
        (140 + 60 * Math.Sin(2 * Math.PI * i / 40), 140 - 95 * Math.Cos(2 * Math.PI * i / 40)))]];

    [Fact]
    public void EmptyDrawing_IsAllZeros()
    {
        Assert.All(DrawnDigit.Preprocess(new Strokes()), v => Assert.Equal(0, v));
        Assert.All(DrawnDigit.Preprocess(new Strokes { new() }), v => Assert.Equal(0, v));
    }

    [Fact]
    public void WidestSide_FillsTheTwentyPixelBox_InkIncluded()
    {
        // A horizontal bar: its centre line is scaled to 20 − 2·1.2 = 17.6 pixels, the pen adds 1.2 at each end, so
        // exactly the 20 columns 4…23 hold ink, centred in the 28 columns.
        var pixels = DrawnDigit.Preprocess(new Strokes { new() { (0, 0), (100, 0) } });
        var columns = Enumerable.Range(0, 28).Where(c => Enumerable.Range(0, 28).Any(r => pixels[r * 28 + c] > 1e-9)).ToArray();
        Assert.Equal(Enumerable.Range(4, 20), columns);
        var rows = Enumerable.Range(0, 28).Where(r => pixels[r * 28 + 14] > 1e-9).ToArray();
        Assert.Equal([12, 13, 14, 15], rows);                            // the pen's 2.4 pixels plus the fading edge, around row 14
        Assert.Equal(1, pixels[13 * 28 + 14]);
        Assert.Equal(1, pixels[14 * 28 + 14]);
    }

    [Fact]
    public void AspectRatio_IsKept()
    {
        // A 50×100 rectangle: 20 rows of ink, and 8.8 + 2.4 (+ fading edge) columns.
        var pixels = DrawnDigit.Preprocess(new Strokes { new() { (0, 0), (50, 0), (50, 100), (0, 100), (0, 0) } });
        int Extent(Func<int, int, double> at) => Enumerable.Range(0, 28).Count(i => Enumerable.Range(0, 28).Any(j => at(i, j) > 1e-9));
        Assert.Equal(20, Extent((r, c) => pixels[r * 28 + c]));
        Assert.InRange(Extent((c, r) => pixels[r * 28 + c]), 11, 13);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("0")]
    public void CentreOfMass_IsTheFieldsCentre_AndGreyLevelsAreAntiAliased(string digit)
    {
        var pixels = DrawnDigit.Preprocess(Drawing(digit));
        double mass = pixels.Sum();
        double x = Enumerable.Range(0, 784).Sum(i => pixels[i] * (i % 28 + 0.5)) / mass;
        double y = Enumerable.Range(0, 784).Sum(i => pixels[i] * (i / 28 + 0.5)) / mass;
        Assert.InRange(x, 13.9, 14.1);
        Assert.InRange(y, 13.9, 14.1);
        Assert.All(pixels, v => Assert.InRange(v, 0, 1));
        Assert.Contains(pixels, v => v == 1);
        Assert.Contains(pixels, v => v is > 0.05 and < 0.95);             // grey edges, not a binary picture
    }

    [Theory]
    [InlineData("1")]
    [InlineData("7")]
    [InlineData("0")]
    public void SameShape_DrawnSmallerOrElsewhere_GivesTheSameInput(string digit)
    {
        var strokes = Drawing(digit);
        var moved = strokes.Select(s => s.Select(p => (p.X / 4 + 17, p.Y / 4 - 30)).ToList()).ToList();
        var a = DrawnDigit.Preprocess(strokes);
        var b = DrawnDigit.Preprocess(moved);
        Assert.InRange(a.Zip(b, (u, v) => Math.Abs(u - v)).Max(), 0, 1e-9);
    }

    [Fact]
    public void Dot_IsARoundBlobAtTheCentre()
    {
        // Centred on the corner of the four middle pixels, whose centres are √½ away: 1.2 + 0.5 − √½ each.
        var pixels = DrawnDigit.Preprocess(new Strokes { new() { (5, 5) } });
        double middle = DrawnDigit.PenRadius + 0.5 - Math.Sqrt(0.5);
        foreach (int i in new[] { 13 * 28 + 13, 13 * 28 + 14, 14 * 28 + 13, 14 * 28 + 14 }) Assert.Equal(middle, pixels[i], 12);
        Assert.Equal(DrawnDigit.PenRadius + 0.5 - Math.Sqrt(1.5 * 1.5 + 0.5 * 0.5), pixels[12 * 28 + 13], 12);
        Assert.Equal(0, pixels[11 * 28 + 14]);
    }

    [Fact]
    public void Column_IsTheInputOfANetwork()
    {
        var column = DrawnDigit.Column<float>(Seven);
        var pixels = DrawnDigit.Preprocess(Seven);
        Assert.Equal((784, 1), (column.RowCount, column.ColumnCount));
        for (int i = 0; i < 784; i++) Assert.Equal((float)pixels[i], column[i, 0]);
    }

    [Fact]
    public void Strokes_RoundTripThroughTheirJson()
    {
        string json = DrawnDigit.FormatStrokes(Zero);
        var parsed = DrawnDigit.ParseStrokes(json);
        Assert.Equal(DrawnDigit.Preprocess(Zero), DrawnDigit.Preprocess(parsed));
        Assert.Equal(json, DrawnDigit.FormatStrokes(parsed));
        Assert.Equal([(10.5, 20.0), (10.5, 200.0)], DrawnDigit.ParseStrokes("[[10.5,20, 10.5,200]]")[0]);
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("{\"a\":1}", "expected a JSON array of strokes")]
    [InlineData("[[1,2,3]]", "stroke 0 is not a flat array of x, y pairs")]
    [InlineData("[[1,2],[1,\"x\"]]", "stroke 1 holds \"x\", not a number")]
    public void BadStrokes_AreAClearError(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => DrawnDigit.ParseStrokes(json));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void NonFinitePoint_IsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => DrawnDigit.Preprocess(new Strokes { new() { (1, 1) }, new() { (double.NaN, 2) } }));
        Assert.Contains("stroke 1", error.Message);
    }

    private static Strokes Drawing(string digit) => digit switch { "1" => One, "7" => Seven, _ => Zero };
}
