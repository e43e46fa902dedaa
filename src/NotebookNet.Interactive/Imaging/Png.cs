using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NotebookNet.Data;

namespace NotebookNet.Interactive.Imaging;

/// <summary>
/// A minimal PNG encoder (8-bit grayscale or RGB, no interlacing, filter "None"): enough for digits, feature maps
/// and the README's pictures, without an imaging package.
/// </summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Encodes <paramref name="pixels"/>, row by row from the top, as a PNG file: width·height bytes for
    /// <see cref="PngColor.Gray"/>, 3·width·height (red, green, blue) for <see cref="PngColor.Rgb"/>.
    /// </summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels, PngColor color = PngColor.Gray)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int channels = Channels(color);
        long expected = (long)width * height * channels;
        if (pixels.Length != expected)
            throw new ArgumentException(
                $"A {width}×{height} {color} image needs {expected} bytes, got {pixels.Length}.", nameof(pixels));

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;              // bits per sample
        header[9] = (byte)color;
        header[10] = 0;             // deflate
        header[11] = 0;             // adaptive filtering, every row filter "None"
        header[12] = 0;             // not interlaced
        WriteChunk(file, "IHDR", header);

        WriteChunk(file, "IDAT", Compress(width * channels, height, pixels));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The <c>data:</c> URI that lets an <c>&lt;img&gt;</c> show the picture with no file beside the page.</summary>
    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    internal static int Channels(PngColor color) => color switch
    {
        PngColor.Gray => 1,
        PngColor.Rgb => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "Only Gray and Rgb are written."),
    };

    private static byte[] Compress(int rowBytes, int height, ReadOnlySpan<byte> pixels)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter type "None" for this row
                zlib.Write(pixels.Slice(y * rowBytes, rowBytes));
            }
        }
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);

        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        file.Write(typeBytes);
        file.Write(data);

        var crc = new Crc32();   // over the type and the data
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        file.Write(word);
    }
}
