using System.Globalization;
using System.Security.Cryptography;

namespace NotebookNet.Data;

/// <summary>
/// The MNIST handwritten digits, loaded like Keras' <c>mnist.load_data()</c>:
/// <code>var ((xTrain, yTrain), (xTest, yTest)) = Mnist.Load();</code>
/// </summary>
/// <remarks>
/// <para>The four files are read from a folder (by default the repository's <c>data/mnist</c>), gzipped or raw,
/// and the SHA-256 of each file's decompressed content is checked against the published MNIST files.</para>
/// <para>Loaded data is cached per folder (notebooks call <see cref="Load(string?)"/> again and again, and decompressing takes
/// a fraction of a second); the cache is refreshed when a file's size or time stamp changes. Every call returns its
/// own copy of the arrays, so a caller that modifies its pixels or labels never affects another caller.</para>
/// </remarks>
public static class Mnist
{
    public const string TrainImagesFile = "train-images-idx3-ubyte";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    /// <summary>The number of classes; labels lie in 0..9.</summary>
    public const int ClassCount = 10;

    /// <summary>SHA-256 (lowercase hex) of each file's raw, uncompressed content, keyed by file name.</summary>
    public static IReadOnlyDictionary<string, string> Sha256 { get; } = new Dictionary<string, string>
    {
        [TrainImagesFile] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
        [TrainLabelsFile] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
        [TestImagesFile] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
        [TestLabelsFile] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    };

    /// <summary>
    /// How many training samples <see cref="Load(string?, int)"/> can verify without decompressing the rest of the
    /// training files: <see cref="PrefixSha256"/> covers each file's header and its first this many items.
    /// </summary>
    public const int VerifiedPrefixCount = 10_000;

    /// <summary>
    /// SHA-256 (lowercase hex) of each training file's header and first <see cref="VerifiedPrefixCount"/> items,
    /// decompressed: the published files' prefixes (a test derives them from files that pass <see cref="Sha256"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> PrefixSha256 { get; } = new Dictionary<string, string>
    {
        [TrainImagesFile] = "c9eaadbad6b4d0b6c0f15109aa05a939e326309d1f93fe9c78a9f8235e3fcab6",
        [TrainLabelsFile] = "14a98bbe93358671a803f2080903aab543b8687207704822331af412f83e63cd",
    };

    private static readonly string[] FileNames = [TrainImagesFile, TrainLabelsFile, TestImagesFile, TestLabelsFile];
    private static readonly object Gate = new();
    private static readonly Dictionary<string, CacheEntry> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// Loads the 60 000 training and 10 000 test images (28×28 bytes) with their labels.
    /// </summary>
    /// <param name="directory">The folder holding the four files (each <c>NAME.gz</c> or raw <c>NAME</c>);
    /// by default the one <see cref="DefaultDirectory"/> finds.</param>
    /// <exception cref="DirectoryNotFoundException">No directory was given and no <c>data/mnist</c> folder was found.</exception>
    /// <exception cref="FileNotFoundException">One of the four files is missing.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file.</exception>
    /// <exception cref="ChecksumMismatchException">A file's content differs from the published MNIST file.</exception>
    /// <exception cref="MnistDataException">A label is outside 0..9 or image and label counts differ.</exception>
    public static (MnistSet Train, MnistSet Test) Load(string? directory = null)
    {
        string folder = Path.GetFullPath(directory ?? DefaultDirectory());
        var files = FileNames.Select(name => ResolveFile(folder, name)).ToArray();
        var stamps = files.Select(FileStamp.Of).ToArray();

        CacheEntry entry;
        lock (Gate)
        {
            if (!Cache.TryGetValue(folder, out entry!) || !entry.Stamps.SequenceEqual(stamps))
            {
                var (train, test) = LoadBoth(files, trainPrefix: null);
                entry = new CacheEntry(stamps, train, test);
                Cache[folder] = entry;
            }
        }
        return (Copy(entry.Train), Copy(entry.Test));
    }

    /// <summary>
    /// Loads the first <paramref name="trainCount"/> training images (all 60 000 when more) with their labels, and
    /// the 10 000 test images with theirs: what an experiment on a small training subset, like the tutorial's
    /// 1 000 images, needs. Up to <see cref="VerifiedPrefixCount"/> training images are read from the start of the
    /// training files and checked against <see cref="PrefixSha256"/>, without decompressing the rest (a data set
    /// <see cref="Load(string?)"/> has already cached is sliced instead); every byte returned is verified.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trainCount"/> is negative.</exception>
    /// <exception cref="ChecksumMismatchException">A test file, or the verified prefix of a training file, differs from the published MNIST file.</exception>
    /// <remarks>The other exceptions are those of <see cref="Load(string?)"/>.</remarks>
    public static (MnistSet Train, MnistSet Test) Load(string? directory, int trainCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        if (trainCount > VerifiedPrefixCount)
        {
            var (fullTrain, fullTest) = Load(directory);
            return (First(fullTrain, trainCount), fullTest);
        }
        string folder = Path.GetFullPath(directory ?? DefaultDirectory());
        var files = FileNames.Select(name => ResolveFile(folder, name)).ToArray();
        var stamps = files.Select(FileStamp.Of).ToArray();
        lock (Gate)
            if (Cache.TryGetValue(folder, out var entry) && entry.Stamps.SequenceEqual(stamps))
                return (First(entry.Train, trainCount), Copy(entry.Test));

        var (train, test) = LoadBoth(files, VerifiedPrefixCount);
        return (First(train, trainCount), test);
    }

    /// <summary>
    /// Loads one images/labels pair in MNIST's format without checking checksums, e.g. for Fashion-MNIST or a
    /// subset of MNIST. Labels must lie in 0..9 and the counts must match. Nothing is cached.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="IdxFormatException">A file is not a valid IDX file of the right number of dimensions.</exception>
    /// <exception cref="MnistDataException">A label is outside 0..9 or image and label counts differ.</exception>
    public static MnistSet LoadSet(string imagesPath, string labelsPath) =>
        Validate(imagesPath, Idx.ReadImages(imagesPath), labelsPath, Idx.ReadLabels(labelsPath));

    /// <summary>
    /// The <c>data/mnist</c> folder the data is loaded from by default: the first one holding an MNIST file found
    /// walking up from the current directory (notebooks run in <c>notebooks/</c>), then walking up from
    /// <see cref="AppContext.BaseDirectory"/> (tests and tools run in <c>bin/</c>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder exists above either place.</exception>
    public static string DefaultDirectory() =>
        FindDirectory() ?? throw new DirectoryNotFoundException(
            $"No data/mnist folder holding MNIST files was found above the current directory " +
            $"'{Directory.GetCurrentDirectory()}' or above the application directory '{AppContext.BaseDirectory}'. " +
            $"Pass the folder to Mnist.Load(directory). {Idx.HowToGetMnist}");

    /// <summary>Like <see cref="DefaultDirectory"/>, but returns null when no folder is found.</summary>
    public static string? FindDirectory() =>
        FindDirectory([Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    internal static string? FindDirectory(IEnumerable<string> starts)
    {
        foreach (string start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "mnist");
                if (FileNames.Any(name => File.Exists(Path.Combine(candidate, name + ".gz"))
                                          || File.Exists(Path.Combine(candidate, name))))
                    return candidate;
            }
        return null;
    }

    /// <summary>Forgets every cached data set, e.g. to free its memory.</summary>
    public static void ClearCache()
    {
        lock (Gate) Cache.Clear();
    }

    private static string ResolveFile(string folder, string name)
    {
        string gzipped = Path.Combine(folder, name + ".gz"), raw = Path.Combine(folder, name);
        if (File.Exists(gzipped)) return gzipped;
        if (File.Exists(raw)) return raw;
        throw new FileNotFoundException(
            $"MNIST file not found: neither '{gzipped}' nor '{raw}' exists. {Idx.HowToGetMnist}", gzipped);
    }

    /// <summary>
    /// The training pair (whole, or its verified prefix) and the test pair, the test files on a second thread:
    /// decompressing and hashing one file cannot be split, but two files can go side by side. A training file's error
    /// is the one reported, as when they were read in turn.
    /// </summary>
    private static (MnistSet Train, MnistSet Test) LoadBoth(string[] files, int? trainPrefix)
    {
        var test = Task.Run(() => LoadVerified(files[2], TestImagesFile, files[3], TestLabelsFile));
        MnistSet train;
        try
        {
            train = LoadVerified(files[0], TrainImagesFile, files[1], TrainLabelsFile, trainPrefix);
        }
        catch
        {
            try { test.Wait(); }
            catch (AggregateException) { } // the training file's error is the one to report
            throw;
        }
        return (train, test.GetAwaiter().GetResult());
    }

    /// <summary>Both files whole, or with <paramref name="prefix"/> only their header and first that many items.</summary>
    private static MnistSet LoadVerified(string imagesPath, string imagesName, string labelsPath, string labelsName, int? prefix = null)
    {
        var images = Idx.ToImages(imagesPath, ReadVerified(imagesPath, imagesName, 3, prefix));
        var labels = ReadVerified(labelsPath, labelsName, 1, prefix).Data;
        return Validate(imagesPath, images, labelsPath, labels);
    }

    private static IdxArray ReadVerified(string path, string name, int rank, int? prefix)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var array = Idx.Read(path, rank, hash, prefix);
        string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        string expected = prefix is null ? Sha256[name] : PrefixSha256[name];
        if (actual != expected)
            throw new ChecksumMismatchException(path, expected, actual, prefix is null
                ? $"The file is corrupt or is not the original MNIST {name}. {Idx.HowToGetMnist}"
                : $"Its header and first {prefix.Value.ToString("N0", CultureInfo.InvariantCulture)} items are corrupt or are not " +
                  $"those of the original MNIST {name}. {Idx.HowToGetMnist}");
        return array;
    }

    private static MnistSet Validate(string imagesPath, MnistImages images, string labelsPath, byte[] labels)
    {
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= ClassCount)
                throw new MnistDataException(labelsPath,
                    $"label {labels[i].ToString(CultureInfo.InvariantCulture)} at index " +
                    $"{i.ToString(CultureInfo.InvariantCulture)} is outside 0..{ClassCount - 1}.");
        if (images.Count != labels.Length)
            throw new MnistDataException(labelsPath,
                $"holds {labels.Length.ToString(CultureInfo.InvariantCulture)} labels but '{imagesPath}' holds " +
                $"{images.Count.ToString(CultureInfo.InvariantCulture)} images.");
        return new MnistSet(images, labels);
    }

    /// <summary>The first <paramref name="count"/> samples (all when there are fewer), in arrays of their own.</summary>
    private static MnistSet First(MnistSet set, int count)
    {
        var images = set.Images;
        int n = Math.Min(count, images.Count), size = images.Height * images.Width;
        return new MnistSet(new MnistImages(n, images.Height, images.Width, images.Pixels[..(n * size)]), set.Labels[..n]);
    }

    private static MnistSet Copy(MnistSet set) => new(
        new MnistImages(set.Images.Count, set.Images.Height, set.Images.Width, (byte[])set.Images.Pixels.Clone()),
        (byte[])set.Labels.Clone());

    private sealed record CacheEntry(FileStamp[] Stamps, MnistSet Train, MnistSet Test);

    /// <summary>What identifies a file's version cheaply: path, size and last write time.</summary>
    private readonly record struct FileStamp(string Path, long Length, DateTime LastWriteUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return new FileStamp(path, info.Length, info.LastWriteTimeUtc);
        }
    }
}
