namespace NotebookNet.Data;

/// <summary>
/// A stack of grayscale images, <c>Count × Height × Width</c> bytes in row-major order,
/// like the <c>uint8</c> array of shape (N, 28, 28) that <c>mnist.load_data()</c> returns.
/// </summary>
public sealed class MnistImages
{
    public MnistImages(int count, int height, int width, byte[] pixels)
    {
        if (count < 0 || height <= 0 || width <= 0 || pixels.Length != (long)count * height * width)
            throw new ArgumentException(
                $"Images of shape ({count}, {height}, {width}) need {(long)count * height * width} bytes, got {pixels.Length}.");
        (Count, Height, Width, Pixels) = (count, height, width, pixels);
    }

    public int Count { get; }
    public int Height { get; }
    public int Width { get; }

    /// <summary>All pixels, image after image, each row by row.</summary>
    public byte[] Pixels { get; }

    /// <summary>Pixels of one image (Height·Width bytes).</summary>
    public ReadOnlySpan<byte> this[int index] =>
        (uint)index < (uint)Count
            ? Pixels.AsSpan(index * Height * Width, Height * Width)
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} images.");

    /// <summary>The shape as NumPy prints it, e.g. "(60000, 28, 28)".</summary>
    public override string ToString() => $"({Count}, {Height}, {Width})";
}
