using System.Diagnostics;
using System.Globalization;
using CsCheck;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Persistence;
using NotebookNet.Tests.Data;
using Xunit.Abstractions;

namespace NotebookNet.Tests.Fuzz;

/// <summary>
/// Seeded, bounded fuzzing of the three file formats a user hands the library: a few hundred mutations (bit flips,
/// truncations, header edits, corrupted runs, appended bytes) of a small valid raw IDX file, the same gzipped, and a
/// small model file. Every load must succeed or fail with the format's named exception, allocate less than
/// <see cref="AllocationBound"/> and finish within <see cref="TimeBound"/>; a failed model load must leave the network's
/// weights untouched. CsCheck drives it: a C#-native library whose PCG seed makes the run repeat exactly and
/// which shrinks a failing mutation to a small one (FsCheck would bring FSharp.Core for the same).
/// </summary>
public sealed class HostileFileFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 400;
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(2);
    private static readonly string Seed = new PCG(7, 20261201).ToString();

    private readonly IdxFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>What one load may allocate: 16 times the file plus 1 MiB of buffers.</summary>
    private static long AllocationBound(long fileLength) => 16 * fileLength + (1 << 20);

    private enum Mutation { BitFlips, Truncation, HeaderEdit, CorruptRun, Appended }

    private static readonly Gen<(int, int, byte, int)> Mutations =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64]);

    private static byte[] Mutate(byte[] valid, Mutation kind, int position, byte value, int count, int headerLength)
    {
        var bytes = (byte[])valid.Clone();
        switch (kind)
        {
            case Mutation.BitFlips:
                for (int i = 0; i <= count % 4; i++) bytes[(int)((position + 7919L * i) % bytes.Length)] ^= (byte)(1 << ((value + i) % 8));
                return bytes;
            case Mutation.Truncation:
                return bytes[..(position % bytes.Length)];
            case Mutation.HeaderEdit:
                int at = position % headerLength;
                bytes[at] = bytes[at] == value ? (byte)~value : value;
                return bytes;
            case Mutation.CorruptRun:
                int start = position % bytes.Length;
                for (int i = start; i < Math.Min(bytes.Length, start + count); i++) bytes[i] ^= (byte)(value | 1);
                return bytes;
            default:
                return [.. bytes, .. Enumerable.Range(0, count).Select(i => (byte)(value + i))];
        }
    }

    private sealed class Tally(string corpus)
    {
        public Dictionary<string, int> Outcomes { get; } = [];
        public int Count(string outcome) => Outcomes.TryGetValue(outcome, out int n) ? n : 0;

        public long LargestAllocation { get; private set; }
        public string LargestAllocationCase { get; private set; } = "";
        public TimeSpan Slowest { get; private set; }
        public string SlowestCase { get; private set; } = "";

        public void Add(string outcome, long allocated, TimeSpan elapsed, string what)
        {
            Outcomes[outcome] = Count(outcome) + 1;
            if (allocated > LargestAllocation) (LargestAllocation, LargestAllocationCase) = (allocated, what);
            if (elapsed > Slowest) (Slowest, SlowestCase) = (elapsed, what);
        }

        public override string ToString() =>
            FormattableString.Invariant($"{corpus}: {Outcomes.Values.Sum()} loads; ") +
            string.Join(", ", Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => FormattableString.Invariant($"{o.Key} {o.Value}"))) +
            FormattableString.Invariant($"; largest allocation {LargestAllocation:N0} bytes ({LargestAllocationCase}); ") +
            FormattableString.Invariant($"slowest load {Slowest.TotalMilliseconds:F1} ms ({SlowestCase})");
    }

    /// <summary>Runs the seeded mutations of <paramref name="valid"/> through <paramref name="load"/>, returning the tally.</summary>
    private Tally Fuzz<TNamed>(string corpus, byte[] valid, int headerLength, Action<string> load) where TNamed : Exception =>
        Fuzz(corpus, valid, headerLength, load, typeof(TNamed));

    private Tally Fuzz(string corpus, byte[] valid, int headerLength, Action<string> load, params Type[] named)
    {
        string path = _files.PathOf(corpus);
        File.WriteAllBytes(path, valid);
        load(path); // the valid file loads (and the code is compiled before anything is timed)
        var tally = new Tally(corpus);
        // One sample of all the mutations: CsCheck seeds only a run's first iteration, so a single seeded iteration
        // is what makes every run load the same files (and a failure still shrinks to a short list).
        Mutations.Array[Iterations].Sample(mutations =>
        {
            tally = new Tally(corpus);
            foreach (var (kind, position, value, count) in mutations) LoadOne(kind, position, value, count);
        }, seed: Seed, iter: 1, threads: 1);
        output.WriteLine(tally.ToString());
        Assert.Equal(Iterations, tally.Outcomes.Values.Sum());
        return tally;

        void LoadOne(int kind, int position, byte value, int count)
        {
            var mutation = (Mutation)kind;
            var bytes = Mutate(valid, mutation, position, value, count, headerLength);
            File.WriteAllBytes(path, bytes);
            string what = string.Create(CultureInfo.InvariantCulture, $"{mutation} at {position} of {bytes.Length} bytes");

            string outcome;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                load(path);
                outcome = "loaded";
            }
            catch (Exception e) when (named.Contains(e.GetType()))
            {
                Assert.Contains(path, e.Message); // every refusal names the file
                outcome = e.GetType().Name;
            }
            clock.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(allocated < AllocationBound(bytes.Length),
                $"{corpus}, {what}: allocated {allocated} bytes, bound {AllocationBound(bytes.Length)}");
            Assert.True(clock.Elapsed < TimeBound, $"{corpus}, {what}: took {clock.Elapsed.TotalMilliseconds} ms");
            tally.Add(outcome, allocated, clock.Elapsed, what);
        }
    }

    [Fact]
    public void Raw_idx_mutations_load_or_fail_named_within_bounds()
    {
        var tally = Fuzz<IdxFormatException>("images.idx", IdxFiles.Images(20, 8, 8), 16, path => Idx.ReadImages(path));
        Assert.True(tally.Count(nameof(IdxFormatException)) > 0);
    }

    [Fact]
    public void Gzip_idx_mutations_load_or_fail_named_within_bounds()
    {
        var content = IdxFiles.Images(20, 8, 8);
        // The CRC-32 is always checked, so a gzip file that loads holds exactly the original pixels.
        var tally = Fuzz<IdxFormatException>("images.idx.gz", IdxFiles.Gzip(content), 10,
            path => Assert.Equal(content[16..], Idx.ReadImages(path).Pixels));
        Assert.True(tally.Count(nameof(IdxFormatException)) > 0);
    }

    [Fact]
    public void Label_mutations_in_a_set_load_or_fail_named_within_bounds()
    {
        // Labels 0..9 next to 40 images: a mutated label file may parse yet hold a label above 9 or a wrong count.
        string images = _files.Write("set-images", IdxFiles.Images(40, 2, 2));
        var labels = IdxFiles.Labels(Enumerable.Range(0, 40).Select(i => (byte)(i % 10)).ToArray());
        var tally = Fuzz("set-labels.idx", labels, 8, path => Mnist.LoadSet(images, path),
            typeof(IdxFormatException), typeof(MnistDataException));
        Assert.True(tally.Count(nameof(IdxFormatException)) > 0);
        Assert.True(tally.Count(nameof(MnistDataException)) > 0);
    }

    private static Layer<float>[] Network(uint seed)
    {
        var rng = new Rng(seed);
        return [new Dense<float>(6, 5, rng: rng), new Tanh<float>(), new Dense<float>(5, 3, rng: rng)];
    }

    /// <summary>Loads into <paramref name="target"/>, checking that a refused file left its weights as they were.</summary>
    private static void LoadUntouched(string path, Layer<float>[] target)
    {
        var before = target.SelectMany(l => l.Parameters).Select(p => p.Value.Clone()).ToArray();
        try
        {
            ModelFile.Load(path, target);
        }
        catch (ModelFileException)
        {
            Assert.Equal(before, target.SelectMany(l => l.Parameters).Select(p => p.Value));
            throw;
        }
    }

    private byte[] ValidModel()
    {
        string source = _files.PathOf("source.nnet");
        ModelFile.Save(source, Network(1), "fuzz");
        return File.ReadAllBytes(source);
    }

    [Fact]
    public void Model_file_mutations_load_or_fail_named_and_never_touch_the_network()
    {
        var target = Network(2);
        var tally = Fuzz<ModelFileException>("model.nnet", ValidModel(), 24, path => LoadUntouched(path, target));
        Assert.True(tally.Count(nameof(ModelFileException)) > 0);
    }

    [Fact]
    public void Rehashed_model_file_mutations_reach_the_parser_and_still_fail_named()
    {
        // The SHA-256 at the end catches every mutation above; recomputing it lets the damage reach the field checks.
        var target = Network(2);
        var tally = Fuzz<ModelFileException>("rehashed.nnet", ValidModel(), 24, path =>
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 32)
            {
                System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).CopyTo(bytes, bytes.Length - 32);
                File.WriteAllBytes(path, bytes);
            }
            LoadUntouched(path, target);
        });
        Assert.True(tally.Count(nameof(ModelFileException)) > 0);
    }
}
