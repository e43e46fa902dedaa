using NotebookNet.Data;
using static NotebookNet.Tests.Data.IdxFiles;

namespace NotebookNet.Tests.Data;

/// <summary>
/// The gzip container around an IDX file: exactly one member, its CRC-32/ISIZE trailer always checked, nothing after
/// it, and memory that follows the bytes that actually decompress rather than what the IDX header claims.
/// </summary>
public sealed class GzipMemberTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_truncated_gzip_allocates_what_arrives_not_what_the_header_declares()
    {
        // 1 MB of noise (stored by deflate, so ~1 MB of gzip) under a header declaring 256 MB, cut in half:
        // within deflate's 1032:1 bound, so only following the data keeps the allocation small.
        var gzip = Gzip(IdxBytes(Noise(1 << 20), 256, 1024, 1024));
        string path = _files.Write("cut.gz", gzip[..(gzip.Length / 2)]);
        long fileLength = new FileInfo(path).Length;

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.True(allocated < 12 * fileLength + (1 << 20),
            $"allocated {allocated} bytes for a {fileLength}-byte file");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_member_without_its_trailer_is_truncated_even_when_its_content_looks_complete(bool flipAPixel)
    {
        // Noise is stored, not Huffman-coded: without the trailer's CRC-32 a flipped byte would go unnoticed.
        var content = Labels(Noise(4000).Select(b => (byte)(b % 10)).ToArray());
        var gzip = Gzip(content)[..^8];
        if (flipAPixel) gzip[gzip.Length / 2] ^= 0x01;
        string labels = _files.Write("labels.gz", gzip);
        string images = _files.Write("images", Images(4000, 1, 1));

        foreach (var load in new Action[] { () => Idx.ReadLabels(labels), () => Mnist.LoadSet(images, labels) })
        {
            var e = Assert.Throws<IdxFormatException>(load);
            Assert.Contains(labels, e.Message);
            Assert.Contains("truncated", e.Message);
            Assert.Contains("trailer", e.Message);
        }
    }

    [Fact]
    public void A_flipped_payload_byte_fails_the_trailer_crc()
    {
        var gzip = Gzip(IdxBytes(Noise(4000), 4000));
        gzip[gzip.Length / 2] ^= 0x01;
        string path = _files.Write("flipped.gz", gzip);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("CRC-32", e.Message);
    }

    public static TheoryData<string, byte[]> Appendices => new()
    {
        { "one zero byte", [0] },
        { "text", "hello"u8.ToArray() },
        { "a copy of the trailer", [] }, // the test appends the member's own last 8 bytes
        { "an empty second member", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "a second member", Gzip([1, 2, 3]) },
    };

    [Theory]
    [MemberData(nameof(Appendices))]
    public void Bytes_after_the_gzip_member_are_rejected(string what, byte[] appendix)
    {
        var gzip = Gzip(Labels(1, 2, 3, 4));
        if (what == "a copy of the trailer") appendix = gzip[^8..];
        string path = _files.Write("appended.gz", [.. gzip, .. appendix]);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("after the gzip member", e.Message);
        Assert.NotNull(what);
    }

    [Fact]
    public void A_valid_member_with_header_fields_loads()
    {
        // FEXTRA, FNAME and FCOMMENT set, as some gzip tools write them.
        var plain = Gzip(Labels(7, 3, 9));
        byte[] extra = [4, 0, (byte)'x', (byte)'y', 2, 0];
        byte[] name = [.. "labels"u8, 0], comment = [.. "hola"u8, 0];
        byte[] withFields = [0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10, .. plain[4..10], .. extra, .. name, .. comment, .. plain[10..]];
        string path = _files.Write("fields.gz", withFields);
        Assert.Equal(new byte[] { 7, 3, 9 }, Idx.ReadLabels(path));
    }

    [Fact]
    public void A_gzip_header_with_reserved_flags_is_rejected_naming_the_file()
    {
        var gzip = Gzip(Labels(1));
        gzip[3] = 0x80;
        string path = _files.Write("flags.gz", gzip);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("gzip header", e.Message);
    }
}
