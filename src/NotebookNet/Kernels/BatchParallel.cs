namespace NotebookNet.Kernels;

/// <summary>
/// Splits a batch of images into one contiguous range per core. Small batches run inline: below a few
/// hundred thousand multiply-adds the cost of waking a second thread is larger than the work it takes.
/// </summary>
public static class BatchParallel
{
    private const long MinWorkPerWorker = 1 << 17;

    /// <summary>How many workers to use for <paramref name="count"/> items of <paramref name="workPerItem"/> operations.</summary>
    public static int Workers(int count, long workPerItem)
    {
        long total = count * Math.Max(1, workPerItem);
        long byWork = Math.Max(1, total / MinWorkPerWorker);
        return (int)Math.Min(Math.Min(Environment.ProcessorCount, count), byWork);
    }

    /// <summary>Runs <paramref name="body"/>(worker, start, end) over <paramref name="workers"/> equal ranges of [0, count).</summary>
    public static void For(int count, int workers, Action<int, int, int> body)
    {
        if (workers <= 1)
        {
            body(0, 0, count);
            return;
        }
        Parallel.For(0, workers, w => body(w, (int)((long)count * w / workers), (int)((long)count * (w + 1) / workers)));
    }
}
