using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace NotebookNet.Kernels;

/// <summary>
/// The one parallelism policy of the kernels: a batch (or a product's columns) is split into one contiguous range
/// per worker, at most <see cref="MaxWorkers"/> of them, and small work runs inline: below a few hundred thousand
/// multiply-adds the cost of handing work to a second thread is larger than the work it takes. The other shares
/// run on <see cref="SpinningWorkers"/>, which stay awake between a step's regions, or on the thread pool when those
/// are busy with another caller.
/// Work that sums over the batch (a layer's ∂L/∂W) goes through <see cref="ForChunks"/>: the batch is cut into
/// chunks that depend on the work alone, each chunk sums into its own buffer, and the chunks are added in their
/// order, so the result has the same bits on any number of cores.
/// </summary>
public static class BatchParallel
{
    private const long MinWorkPerWorker = 1 << 17;

    /// <summary>
    /// Most chunks a reduction is cut into, whatever the machine: more workers than this share nothing more of it.
    /// Each chunk costs a cleared gradient buffer and one addition of it, small beside its images' products.
    /// </summary>
    public const int MaxChunks = 16;

    [ThreadStatic] private static bool t_inWorker;

    /// <summary>
    /// The most threads a kernel splits its work over: the number of cores unless set otherwise (1 runs everything
    /// inline; more than the cores oversubscribes them, which is slower but gives the same results).
    /// </summary>
    public static int MaxWorkers
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxWorkers), value, "At least one worker.");
    } = Environment.ProcessorCount;

    /// <summary>
    /// True on a thread that is running one share of a split batch while other threads run the rest:
    /// kernels called from there (a GEMM per image) should not split their work again.
    /// </summary>
    public static bool InWorker => t_inWorker;

    /// <summary>How many workers to use for <paramref name="count"/> items of <paramref name="workPerItem"/> operations.</summary>
    public static int Workers(int count, long workPerItem)
    {
        if (t_inWorker) return 1;
        long total = count * Math.Max(1, workPerItem);
        long byWork = Math.Max(1, total / MinWorkPerWorker);
        return (int)Math.Min(Math.Min(MaxWorkers, count), byWork);
    }

    /// <summary>
    /// How many chunks <see cref="ForChunks"/> cuts <paramref name="count"/> items of <paramref name="workPerItem"/>
    /// operations into: as many as the work pays for, up to <see cref="MaxChunks"/>, and never dependent on the
    /// number of workers.
    /// </summary>
    public static int Chunks(int count, long workPerItem)
    {
        long total = count * Math.Max(1, workPerItem);
        return (int)Math.Clamp(total / MinWorkPerWorker, 1, Math.Min(MaxChunks, Math.Max(1, count)));
    }

    /// <summary>Item range [start, end) of chunk <paramref name="chunk"/> of <paramref name="chunks"/> over [0, count).</summary>
    public static (int Start, int End) ChunkRange(int count, int chunks, int chunk) =>
        (Boundary(count, chunks, chunk), Boundary(count, chunks, chunk + 1));

    /// <summary>
    /// Runs <paramref name="body"/>(worker, chunk, start, end) for every chunk of <see cref="ChunkRange"/>. Each worker
    /// takes the next chunk nobody has taken yet until none is left, so a worker that runs slower (a busy core) takes
    /// fewer; whatever a chunk sums it should sum into storage of its own (scratch may be the worker's, reused from
    /// chunk to chunk), for the caller to add up in chunk order: the result does not depend on who ran which chunk.
    /// </summary>
    public static void ForChunks(int count, int chunks, Action<int, int, int, int> body)
    {
        int workers = ChunkWorkers(chunks);
        var next = new StrongBox<int>(-1);
        For(workers, workers, (worker, _, _) =>
        {
            for (int chunk; (chunk = Interlocked.Increment(ref next.Value)) < chunks;)
            {
                var (start, end) = ChunkRange(count, chunks, chunk);
                body(worker, chunk, start, end);
            }
        });
    }

    /// <summary>The most workers <see cref="ForChunks"/> runs <paramref name="chunks"/> chunks on: for sizing per-worker scratch.</summary>
    public static int ChunkWorkers(int chunks) => InWorker ? 1 : Math.Min(MaxWorkers, chunks);

    private static int Boundary(int count, int parts, int part) => (int)((long)count * part / parts);

    /// <summary>Runs <paramref name="body"/>(worker, start, end) over <paramref name="workers"/> equal ranges of [0, count).</summary>
    public static void For(int count, int workers, Action<int, int, int> body)
    {
        if (workers <= 1)
        {
            body(0, 0, count);
            return;
        }
        void Share(int w)
        {
            bool outer = t_inWorker;
            t_inWorker = true;
            try
            {
                body(w, Boundary(count, workers, w), Boundary(count, workers, w + 1));
            }
            finally
            {
                t_inWorker = outer;
            }
        }

        if (SpinningWorkers.TryRun(workers, Share)) return;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, Share);
        }
        catch (AggregateException e)
        {
            // As on the helper threads: the caller sees the share's own exception.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
