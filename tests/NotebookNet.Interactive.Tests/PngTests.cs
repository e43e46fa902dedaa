using NotebookNet.Interactive.Imaging;

namespace NotebookNet.Interactive.Tests;

public class PngTests
{
    [Fact]
    public void Grayscale_image_round_trips_with_valid_chunks()
    {
        const int w = 7, h = 5;
        var pixels = new byte[w * h];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 37 % 256);

        var image = PngReader.Read(Png.Encode(w, h, pixels));

        Assert.Equal((w, h, 8, 0), (image.Width, image.Height, image.BitDepth, image.ColorType));
        Assert.Equal(["IHDR", "IDAT", "IEND"], image.Chunks);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Rgb_image_round_trips()
    {
        const int w = 3, h = 4;
        var pixels = Enumerable.Range(0, w * h * 3).Select(i => (byte)(255 - i)).ToArray();
        var image = PngReader.Read(Png.Encode(w, h, pixels, PngColor.Rgb));
        Assert.Equal((w, h, 2), (image.Width, image.Height, image.ColorType));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void Wrong_pixel_count_is_rejected_with_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Png.Encode(4, 4, new byte[15]));
        Assert.Contains("16", e.Message);
    }

    [Fact]
    public void Scaling_repeats_each_pixel_as_a_block()
    {
        var raster = new Raster(2, 1, PngColor.Gray, [10, 200]).Scale(3);
        Assert.Equal((6, 3), (raster.Width, raster.Height));
        Assert.Equal(new byte[] { 10, 10, 10, 200, 200, 200 }, raster.Pixels[..6]);
        Assert.Equal(raster.Pixels[..6], raster.Pixels[12..18]);
    }

    [Fact]
    public void Paste_places_a_raster_at_its_corner()
    {
        var canvas = new Raster(4, 3, PngColor.Gray, background: 255);
        canvas.Paste(new Raster(2, 2, PngColor.Gray, [1, 2, 3, 4]), 1, 1);
        Assert.Equal(new byte[] { 255, 255, 255, 255, 255, 1, 2, 255, 255, 3, 4, 255 }, canvas.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => canvas.Paste(new Raster(2, 2), 3, 0));
    }
}
