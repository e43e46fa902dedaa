namespace NotebookNet.Bench;

/// <summary>
/// One BLAS that Debian's NumPy can run on, chosen for the NumPy child alone: Debian installs each implementation of
/// libblas.so.3 (and liblapack.so.3) in its own folder and points the system-wide link at one of them
/// (update-alternatives); putting a folder first on LD_LIBRARY_PATH makes the child load that one instead.
/// </summary>
/// <param name="Name">As printed, e.g. "openblas-pthread, 2 threads".</param>
/// <param name="LibraryPath">LD_LIBRARY_PATH for the child: the implementation's folder, then the reference LAPACK when it has none.</param>
/// <param name="Threads">The thread count its variables are set to, or null for a single-threaded build.</param>
public sealed record BlasConfiguration(string Name, string LibraryPath, int? Threads)
{
    private const string LibDir = "/usr/lib/x86_64-linux-gnu";

    /// <summary>The implementations Debian 12 packages (libopenblas0-*, libblis4-*, libatlas3-base, libblas3).</summary>
    private static readonly (string Folder, bool Threaded)[] Implementations =
    [
        ("openblas-pthread", true), ("openblas-openmp", true), ("openblas-serial", false),
        ("blis-pthread", true), ("blis-openmp", true), ("blis-serial", false),
        ("atlas", false), ("blas", false),
    ];

    /// <summary>
    /// Every installed implementation, threaded ones with 1 thread and with one per core (at most
    /// <paramref name="maxThreads"/>).
    /// </summary>
    public static IReadOnlyList<BlasConfiguration> Installed(int maxThreads)
    {
        var found = new List<BlasConfiguration>();
        foreach (var (folder, threaded) in Implementations)
        {
            string dir = Path.Combine(LibDir, folder);
            if (!File.Exists(Path.Combine(dir, "libblas.so.3"))) continue;
            string path = File.Exists(Path.Combine(dir, "liblapack.so.3")) ? dir : $"{dir}:{Path.Combine(LibDir, "lapack")}";
            if (!threaded)
            {
                found.Add(new(folder, path, null));
                continue;
            }
            foreach (int threads in new[] { 1, maxThreads }.Distinct())
                found.Add(new($"{folder}, {threads} thread{(threads == 1 ? "" : "s")}", path, threads));
        }
        return found;
    }

    /// <summary>The child's environment for this configuration (every library's own thread variable, so none falls back to its default).</summary>
    public void Apply(IDictionary<string, string?> environment)
    {
        environment["LD_LIBRARY_PATH"] = LibraryPath;
        string threads = (Threads ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "BLIS_NUM_THREADS" }) environment[name] = threads;
    }
}
