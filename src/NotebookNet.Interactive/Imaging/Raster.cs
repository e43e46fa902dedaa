namespace NotebookNet.Interactive.Imaging;

/// <summary>A small in-memory picture (grayscale or RGB bytes, row by row) that can be enlarged, pasted and saved as PNG.</summary>
public sealed class Raster
{
    public Raster(int width, int height, PngColor color = PngColor.Gray, byte background = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        (Width, Height, Color) = (width, height, color);
        Pixels = new byte[width * height * Png.Channels(color)];
        if (background != 0) Array.Fill(Pixels, background);
    }

    /// <summary>Wraps existing pixels (not copied).</summary>
    public Raster(int width, int height, PngColor color, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != width * height * Png.Channels(color))
            throw new ArgumentException(
                $"A {width}×{height} {color} raster needs {width * height * Png.Channels(color)} bytes, got {pixels.Length}.");
        (Width, Height, Color, Pixels) = (width, height, color, pixels);
    }

    public int Width { get; }
    public int Height { get; }
    public PngColor Color { get; }
    public byte[] Pixels { get; }

    private int Channels => Png.Channels(Color);

    /// <summary>Each pixel becomes a <paramref name="scale"/>×<paramref name="scale"/> block, so small digits stay crisp
    /// in any viewer (browsers smooth enlarged images otherwise).</summary>
    public Raster Scale(int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (scale == 1) return this;
        int c = Channels;
        var result = new Raster(Width * scale, Height * scale, Color);
        for (int y = 0; y < result.Height; y++)
        {
            int sourceRow = y / scale * Width;
            for (int x = 0; x < result.Width; x++)
            {
                int s = (sourceRow + x / scale) * c, d = (y * result.Width + x) * c;
                for (int k = 0; k < c; k++) result.Pixels[d + k] = Pixels[s + k];
            }
        }
        return result;
    }

    /// <summary>Copies <paramref name="source"/> (same colour type) with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void Paste(Raster source, int left, int top)
    {
        if (source.Color != Color)
            throw new ArgumentException($"Cannot paste a {source.Color} raster into a {Color} one.", nameof(source));
        if (left < 0 || top < 0 || left + source.Width > Width || top + source.Height > Height)
            throw new ArgumentOutOfRangeException(nameof(source),
                $"A {source.Width}×{source.Height} raster at ({left}, {top}) does not fit in {Width}×{Height}.");
        int c = Channels, rowBytes = source.Width * c;
        for (int y = 0; y < source.Height; y++)
            source.Pixels.AsSpan(y * rowBytes, rowBytes).CopyTo(Pixels.AsSpan(((top + y) * Width + left) * c, rowBytes));
    }

    /// <summary>255 − value for every sample: MNIST's white ink on black becomes dark ink on paper.</summary>
    public Raster Invert()
    {
        var pixels = new byte[Pixels.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(255 - Pixels[i]);
        return new Raster(Width, Height, Color, pixels);
    }

    public byte[] ToPng() => Png.Encode(Width, Height, Pixels, Color);

    public string ToDataUri() => Png.DataUri(ToPng());
}
