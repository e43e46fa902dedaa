using System.IO.Compression;
using System.Security.Cryptography;
using NotebookNet.Data;
using static NotebookNet.Tests.Data.IdxFiles;

namespace NotebookNet.Tests.Data;

/// <summary>
/// <see cref="Mnist.Load(string?, int)"/>: the first training images without decompressing the rest, every byte it
/// returns still verified, against prefix hashes that are themselves derived here from the fully verified files.
/// </summary>
public sealed class MnistPrefixTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Prefix_hashes_are_those_of_the_published_files()
    {
        var (train, _) = Mnist.Load(); // verified whole against Mnist.Sha256
        int n = Mnist.VerifiedPrefixCount;
        byte[] images = [.. Header(0x08, 60_000, 28, 28), .. train.Images.Pixels.AsSpan(0, n * 28 * 28)];
        byte[] labels = [.. Header(0x08, 60_000), .. train.Labels.AsSpan(0, n)];
        Assert.Equal(Mnist.PrefixSha256[Mnist.TrainImagesFile], Convert.ToHexStringLower(SHA256.HashData(images)));
        Assert.Equal(Mnist.PrefixSha256[Mnist.TrainLabelsFile], Convert.ToHexStringLower(SHA256.HashData(labels)));
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(0)]
    [InlineData(10_000)]
    [InlineData(12_345)]
    public void First_images_are_those_of_the_whole_set(int count)
    {
        CopyShippedFiles();
        var (fullTrain, fullTest) = Mnist.Load();

        var (train, test) = Mnist.Load(_files.Folder, count); // a folder nothing cached: the prefix is read from the gzip files

        Assert.Equal($"({count}, 28, 28)", train.Images.ToString());
        Assert.Equal(fullTrain.Images.Pixels.AsSpan(0, count * 784).ToArray(), train.Images.Pixels);
        Assert.Equal(fullTrain.Labels[..count], train.Labels);
        Assert.Equal(fullTest.Images.Pixels, test.Images.Pixels);
        Assert.Equal(fullTest.Labels, test.Labels);
    }

    [Fact]
    public void A_cached_set_is_sliced_into_arrays_of_its_own()
    {
        Mnist.Load(); // the shipped folder, cached
        var (first, _) = Mnist.Load(null, 5);
        first.Images.Pixels[14 * 28 + 14] = 0;
        first.Labels[0] = 3;
        var (second, _) = Mnist.Load();
        Assert.Equal(240, second.Images[0][14 * 28 + 14]);
        Assert.Equal(5, second.Labels[0]);
        Assert.Equal([5, 0, 4, 1, 9], Mnist.Load(null, 5).Train.Labels);
    }

    [Fact]
    public void A_damaged_byte_inside_the_verified_prefix_is_refused_even_past_the_images_asked_for()
    {
        string path = WriteRawTrainImages(damagedImage: 5_000); // past the 1,000 asked for, inside the 10,000 verified
        var e = Assert.Throws<ChecksumMismatchException>(() => Mnist.Load(_files.Folder, 1_000));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(Mnist.PrefixSha256[Mnist.TrainImagesFile], e.Message);
        Assert.Contains("first 10,000 items", e.Message);
    }

    [Fact]
    public void A_byte_past_the_verified_prefix_is_never_read_by_a_prefix_load_but_refused_by_a_whole_one()
    {
        WriteRawTrainImages(damagedImage: 20_000);
        var (train, _) = Mnist.Load(_files.Folder, 1_000);
        Assert.Equal(1_000, train.Images.Count);
        Assert.Throws<ChecksumMismatchException>(() => Mnist.Load(_files.Folder));
    }

    [Fact]
    public void Negative_count_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(null, -1));
        Assert.Equal("trainCount", e.ParamName);
    }

    private void CopyShippedFiles()
    {
        string shipped = Mnist.DefaultDirectory();
        foreach (var file in Directory.GetFiles(shipped, "*.gz"))
            File.Copy(file, _files.PathOf(Path.GetFileName(file)));
    }

    /// <summary>The shipped files, but the training images raw, with one pixel of one image changed.</summary>
    private string WriteRawTrainImages(int damagedImage)
    {
        CopyShippedFiles();
        string gz = _files.PathOf(Mnist.TrainImagesFile + ".gz");
        byte[] raw;
        using (var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            input.CopyTo(buffer);
            raw = buffer.ToArray();
        }
        File.Delete(gz);
        raw[16 + damagedImage * 784 + 400] ^= 0x55;
        return _files.Write(Mnist.TrainImagesFile, raw);
    }
}
