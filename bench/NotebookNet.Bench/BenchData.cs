using System.IO.Compression;
using NotebookNet.Data;

namespace NotebookNet.Bench;

/// <summary>MNIST for the benchmarks: the same files NotebookNet and the NumPy script read.</summary>
public static class BenchData
{
    /// <summary>The folder with the four IDX files: <c>--data DIR</c>, else <c>data/mnist</c> above the current folder.</summary>
    public static string Directory(Options options) =>
        Path.GetFullPath(options.String("data") ?? Paths.Require(Path.Combine("data", "mnist"), "the MNIST folder (pass --data DIR)"));

    // TEMPORARY until branch `data` (Mnist.Load) is merged: a minimal IDX reader so the bench runs meanwhile.
    public static (MnistSet Train, MnistSet Test) Load(string directory) =>
        (new MnistSet(Images(directory, "train-images-idx3-ubyte"), Labels(directory, "train-labels-idx1-ubyte")),
         new MnistSet(Images(directory, "t10k-images-idx3-ubyte"), Labels(directory, "t10k-labels-idx1-ubyte")));

    private static MnistImages Images(string directory, string stem)
    {
        var (dims, data, offset) = Read(directory, stem, 3);
        return new MnistImages(dims[0], dims[1], dims[2], data[offset..]);
    }

    private static byte[] Labels(string directory, string stem)
    {
        var (_, data, offset) = Read(directory, stem, 1);
        return data[offset..];
    }

    private static (int[] Dims, byte[] Data, int Offset) Read(string directory, string stem, int rank)
    {
        var path = Path.Combine(directory, stem + ".gz");
        if (!File.Exists(path)) path = Path.Combine(directory, stem);
        if (!File.Exists(path)) throw new FileNotFoundException($"{stem}(.gz) not found in '{directory}'.");
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var data = memory.ToArray();
        if (data.Length < 4 + 4 * rank || data[0] != 0 || data[1] != 0 || data[2] != 8 || data[3] != rank)
            throw new InvalidDataException($"{path}: not an unsigned-byte IDX file of rank {rank}.");
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
            dims[i] = (data[4 + 4 * i] << 24) | (data[5 + 4 * i] << 16) | (data[6 + 4 * i] << 8) | data[7 + 4 * i];
        return (dims, data, 4 + 4 * rank);
    }
}
