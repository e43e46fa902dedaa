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
/// <para>Loaded data is cached per folder (notebooks call <see cref="Load"/> again and again, and decompressing takes
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
                var train = LoadVerified(files[0], TrainImagesFile, files[1], TrainLabelsFile);
                var test = LoadVerified(files[2], TestImagesFile, files[3], TestLabelsFile);
                entry = new CacheEntry(stamps, train, test);
                Cache[folder] = entry;
            }
        }
        return (Copy(entry.Train), Copy(entry.Test));
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

    private static MnistSet LoadVerified(string imagesPath, string imagesName, string labelsPath, string labelsName)
    {
        var images = Idx.ToImages(imagesPath, ReadVerified(imagesPath, imagesName, 3));
        var labels = ReadVerified(labelsPath, labelsName, 1).Data;
        return Validate(imagesPath, images, labelsPath, labels);
    }

    private static IdxArray ReadVerified(string path, string name, int rank)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var array = Idx.Read(path, rank, hash);
        string actual = Convert.ToHexStringLower(hash.GetHashAndReset()), expected = Sha256[name];
        if (actual != expected)
            throw new ChecksumMismatchException(path, expected, actual,
                $"The file is corrupt or is not the original MNIST {name}. {Idx.HowToGetMnist}");
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
