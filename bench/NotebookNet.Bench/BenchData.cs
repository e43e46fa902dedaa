using NotebookNet.Data;

namespace NotebookNet.Bench;

/// <summary>MNIST for the benchmarks: the same files NotebookNet and the NumPy script read.</summary>
public static class BenchData
{
    /// <summary>The folder with the four IDX files: <c>--data DIR</c>, else the repository's <c>data/mnist</c>.</summary>
    public static string Directory(Options options) => Path.GetFullPath(options.String("data") ?? Mnist.DefaultDirectory());

    public static (MnistSet Train, MnistSet Test) Load(string directory) => Mnist.Load(directory);
}
