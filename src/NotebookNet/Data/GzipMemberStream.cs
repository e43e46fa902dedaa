using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace NotebookNet.Data;

/// <summary>
/// The decompressed bytes of a file that must be exactly one gzip member (RFC 1952): the header is parsed here,
/// deflate decodes the body, and reaching the end checks the CRC-32 and ISIZE trailer (the file's last 8 bytes)
/// and that the deflate data ends right before it. Every failure is an <see cref="IdxFormatException"/> naming the file.
/// </summary>
/// <remarks>
/// Not <see cref="GZipStream"/>: it loads a member whose trailer is missing (checking neither CRC nor length),
/// ignores bytes after the member and reads on into further members. An IDX file is one member, so all of those are
/// damage. The end of the deflate data is located exactly by never handing the decoder the body's last byte together
/// with others: if deflate finishes before asking for it, bytes follow the member.
/// </remarks>
internal sealed class GzipMemberStream : ForwardReadStream
{
    private const int TrailerSize = 8;
    private const byte FlagHeaderCrc = 0x02, FlagExtra = 0x04, FlagName = 0x08, FlagComment = 0x10, FlagsReserved = 0xE0;

    private readonly string _path;
    private readonly Body _body;
    private readonly DeflateStream _inflater;
    private readonly Crc32 _crc = new();
    private readonly uint _expectedCrc, _expectedLength;
    private bool _ended;

    private GzipMemberStream(string path, Body body, uint expectedCrc, uint expectedLength)
    {
        _path = path;
        _body = body;
        _inflater = new DeflateStream(body, CompressionMode.Decompress, leaveOpen: true);
        _expectedCrc = expectedCrc;
        _expectedLength = expectedLength;
    }

    /// <summary>How many decompressed bytes have been read so far.</summary>
    public long DecompressedBytes { get; private set; }

    /// <summary>Parses the gzip header at the start of <paramref name="file"/> and reads its trailer.</summary>
    /// <exception cref="IdxFormatException">The header is malformed or the file is too short for a trailer.</exception>
    public static GzipMemberStream Open(string path, Stream file, long fileLength)
    {
        file.Position = 0;
        var headerCrc = new Crc32();
        Span<byte> fixedPart = stackalloc byte[10];
        ReadHeaderBytes(path, file, fixedPart, headerCrc, "fixed 10-byte part");
        if (fixedPart[2] != 8)
            throw new IdxFormatException(path, $"gzip header: compression method {fixedPart[2]}, only 8 (deflate) exists.");
        byte flags = fixedPart[3];
        if ((flags & FlagsReserved) != 0)
            throw new IdxFormatException(path, $"gzip header: reserved flag bits set in 0x{flags:X2}; the header is corrupt.");

        if ((flags & FlagExtra) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            ReadHeaderBytes(path, file, length, headerCrc, "extra field length");
            var extra = new byte[BinaryPrimitives.ReadUInt16LittleEndian(length)];
            ReadHeaderBytes(path, file, extra, headerCrc, "extra field");
        }
        if ((flags & FlagName) != 0) SkipZeroTerminated(path, file, headerCrc, "file name");
        if ((flags & FlagComment) != 0) SkipZeroTerminated(path, file, headerCrc, "comment");
        if ((flags & FlagHeaderCrc) != 0)
        {
            ushort expected = (ushort)headerCrc.GetCurrentHashAsUInt32();
            Span<byte> stored = stackalloc byte[2];
            ReadHeaderBytes(path, file, stored, new Crc32(), "header CRC-16");
            ushort actual = BinaryPrimitives.ReadUInt16LittleEndian(stored);
            if (actual != expected)
                throw new IdxFormatException(path, $"gzip header: its CRC-16 is 0x{actual:X4} but the header's is 0x{expected:X4}.");
        }

        long bodyStart = file.Position, bodyEnd = fileLength - TrailerSize;
        if (bodyEnd <= bodyStart)
            throw new IdxFormatException(path,
                $"truncated: the gzip file ends after {Invariant(fileLength)} bytes, too short for deflate data after its " +
                $"{Invariant(bodyStart)}-byte header and the 8-byte CRC-32/ISIZE trailer.");

        Span<byte> trailer = stackalloc byte[TrailerSize];
        file.Position = bodyEnd;
        file.ReadExactly(trailer);
        file.Position = bodyStart;
        return new GzipMemberStream(path, new Body(file, bodyEnd),
            BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
    }

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty) return 0;
        int n = _inflater.Read(buffer);
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            DecompressedBytes += n;
            return n;
        }
        _ended = true;
        CheckEnd();
        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private void CheckEnd()
    {
        if (_body.Remaining > 0)
            throw new IdxFormatException(_path,
                $"{Invariant(_body.Remaining)} or more bytes after the gzip member: the deflate data ends before them, " +
                "and an IDX file is a single gzip member with nothing after its 8-byte trailer.");
        uint crc = _crc.GetCurrentHashAsUInt32(), length = unchecked((uint)DecompressedBytes);
        if (crc != _expectedCrc || length != _expectedLength)
            throw new IdxFormatException(_path,
                $"truncated or corrupt gzip member: its trailer (the last 8 bytes) declares CRC-32 0x{_expectedCrc:X8} " +
                $"and {Invariant(_expectedLength)} bytes (mod 2^32), but the {Invariant(DecompressedBytes)} decompressed " +
                $"bytes have CRC-32 0x{crc:X8}; the file is cut short (its trailer missing) or damaged.");
    }

    private static void ReadHeaderBytes(string path, Stream file, Span<byte> into, Crc32 crc, string part)
    {
        if (file.ReadAtLeast(into, into.Length, throwOnEndOfStream: false) < into.Length)
            throw new IdxFormatException(path, $"truncated: the gzip file ends inside its header ({part}).");
        crc.Append(into);
    }

    private static void SkipZeroTerminated(string path, Stream file, Crc32 crc, string part)
    {
        Span<byte> one = stackalloc byte[1];
        do ReadHeaderBytes(path, file, one, crc, part);
        while (one[0] != 0);
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inflater.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The compressed bytes between header and trailer; the last one is only ever handed out alone.</summary>
    private sealed class Body(Stream file, long end) : ForwardReadStream
    {
        public long Remaining => end - file.Position;

        public override int Read(Span<byte> buffer)
        {
            long remaining = Remaining;
            if (remaining <= 0 || buffer.IsEmpty) return 0;
            int count = (int)Math.Min(buffer.Length, remaining > 1 ? remaining - 1 : 1);
            return file.Read(buffer[..count]);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    }
}
