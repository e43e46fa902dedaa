using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Interactive.Tests;

public class FeatureMapTests
{
    private static PngReader.Image[] Pngs(string html) =>
        Regex.Matches(html, "data:image/png;base64,([^\"]+)")
            .Select(m => PngReader.Read(Convert.FromBase64String(m.Groups[1].Value))).ToArray();

    [Fact]
    public void Non_negative_maps_are_grayscale_scaled_to_their_range()
    {
        // Two channels of 2×3 in CHW order, one sample per column.
        var column = Matrix<float>.Build.Dense(12, 1, (r, _) => r);
        var grid = FeatureMaps.Show(column, channels: 2, height: 2, width: 3, scale: 1, title: "Salida de la convolución");
        var pngs = Pngs(grid.ToHtml());

        Assert.Equal(2, pngs.Length);
        Assert.Equal((3, 2), (pngs[1].Width, pngs[1].Height));
        // Channel 1 holds 6..11: 6 → black, 11 → white; gray means R = G = B.
        Assert.Equal(new byte[] { 0, 0, 0 }, pngs[1].Pixels[..3]);
        Assert.Equal(new byte[] { 255, 255, 255 }, pngs[1].Pixels[^3..]);
        Assert.Contains("Salida de la convolución", grid.ToHtml());
        Assert.Equal((6.0, 11.0), (grid.Maps[1].Min, grid.Maps[1].Max));
    }

    [Fact]
    public void Signed_kernels_are_blue_white_red()
    {
        using var _ = Culture.Spanish();
        var kernel = Matrix<double>.Build.DenseOfArray(new[,] { { -0.5, 0 }, { 0.25, 0.5 } });
        var grid = FeatureMaps.Show([kernel], scale: 2);
        string html = grid.ToHtml();
        var png = Pngs(html).Single();

        Assert.Equal(4, png.Width);
        Assert.Equal(new byte[] { 0x21, 0x66, 0xAC }, png.Pixels[..3]);                 // −max → blue
        Assert.Equal(new byte[] { 255, 255, 255 }, png.Pixels[6..9]);                   // 0 → white
        Assert.Equal(new byte[] { 0xB2, 0x18, 0x2B }, png.Pixels[(3 * 4 * 3 - 3)..(3 * 4 * 3)]); // +max → red (row 1, last)
        Assert.Contains("[-0.5, 0.5]", html);
        Assert.Contains("azul", html);
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureMaps.Show(Matrix<double>.Build.Dense(10, 1), 2, 2, 3));
        Assert.Contains("12 rows", e.Message);
        Assert.Contains("10×1", e.Message);
    }

    [Fact]
    public void A_later_sample_of_a_batch_can_be_shown()
    {
        var batch = Matrix<double>.Build.Dense(4, 3, (r, c) => c * 10 + r);
        var grid = FeatureMaps.Show(batch, 1, 2, 2, sample: 2);
        Assert.Equal((20.0, 23.0), (grid.Maps[0].Min, grid.Maps[0].Max));
    }
}
