using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace NotebookNet.Interactive.Tests;

/// <summary>
/// An independent reader for the PNGs under test: checks the signature and every chunk's CRC (bit by bit, not with
/// the encoder's table), then inflates IDAT and undoes the per-row filters.
/// </summary>
internal static class PngReader
{
    public sealed record Image(int Width, int Height, int BitDepth, int ColorType, byte[] Pixels, List<string> Chunks);

    public static Image Read(byte[] file)
    {
        Assert.Equal(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }, file[..8]);
        int at = 8, width = 0, height = 0, depth = 0, colorType = -1;
        var idat = new MemoryStream();
        var chunks = new List<string>();
        while (at < file.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            string type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            Assert.True(stored == BitwiseCrc(file.AsSpan(at + 4, 4 + length)), $"CRC of chunk {type} is wrong");
            chunks.Add(type);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                colorType = data[9];
                Assert.Equal(0, data[10]);
                Assert.Equal(0, data[11]);
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        Assert.Equal(file.Length, at);
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);

        int channels = colorType switch { 0 => 1, 2 => 3, _ => throw new InvalidDataException($"colour type {colorType}") };
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        int rowBytes = width * channels;
        Assert.Equal(height * (rowBytes + 1), raw.Length);
        var pixels = new byte[height * rowBytes];
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * (rowBytes + 1)]); // the encoder promises filter "None"
            Array.Copy(raw, y * (rowBytes + 1) + 1, pixels, y * rowBytes, rowBytes);
        }
        return new Image(width, height, depth, colorType, pixels, chunks);
    }

    private static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }
}
