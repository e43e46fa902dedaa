using System.Runtime.ExceptionServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Splits a batch of images into one contiguous range per core. Small batches run inline: below a few
/// hundred thousand multiply-adds the cost of handing work to a second thread is larger than the work it takes.
/// The other shares run on <see cref="SpinningWorkers"/>, which stay awake between a step's regions, or on the
/// thread pool when those are busy with another caller.
/// </summary>
public static class BatchParallel
{
    private const long MinWorkPerWorker = 1 << 17;

    [ThreadStatic] private static bool t_inWorker;

    /// <summary>The most threads a layer splits a batch over; the number of cores unless set lower (1 runs everything inline).</summary>
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
        return (int)Math.Min(Math.Min(Math.Min(MaxWorkers, Environment.ProcessorCount), count), byWork);
    }

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
                body(w, (int)((long)count * w / workers), (int)((long)count * (w + 1) / workers));
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
