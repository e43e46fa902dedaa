using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookNet.Tests.Data;

/// <summary>Crafts IDX files, valid or broken, in a temporary folder that is deleted afterwards.</summary>
public sealed class IdxFiles : IDisposable
{
    public IdxFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "notebooknet-idx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, byte[] content)
    {
        string path = PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>An IDX header: magic (0, 0, type, rank) then big-endian dimensions.</summary>
    public static byte[] Header(byte type, params uint[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = type;
        header[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return header;
    }

    public static byte[] IdxBytes(byte[] payload, params uint[] dims) => [.. Header(0x08, dims), .. payload];

    public static byte[] Labels(params byte[] labels) => IdxBytes(labels, (uint)labels.Length);

    /// <summary>Images whose pixel i of image n is (n·7 + i) mod 256: not constant, easy to check.</summary>
    public static byte[] Images(int count, int height, int width)
    {
        var pixels = new byte[count * height * width];
        for (int n = 0; n < count; n++)
            for (int i = 0; i < height * width; i++)
                pixels[n * height * width + i] = (byte)(n * 7 + i);
        return IdxBytes(pixels, (uint)count, (uint)height, (uint)width);
    }

    /// <summary>Bytes that deflate cannot shrink much, so their gzip stream is long enough to cut or damage.</summary>
    public static byte[] Noise(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a leftover temp folder must not fail a test
    }
}
