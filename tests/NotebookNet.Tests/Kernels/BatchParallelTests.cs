using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

public class BatchParallelTests
{
    [Fact]
    public void Every_index_is_visited_once_in_contiguous_shares()
    {
        for (int round = 0; round < 50; round++)
        {
            var visits = new int[1001];
            var shares = new (int Start, int End)[2];
            BatchParallel.For(visits.Length, 2, (worker, start, end) =>
            {
                shares[worker] = (start, end);
                for (int i = start; i < end; i++) Interlocked.Increment(ref visits[i]);
            });
            Assert.All(visits, v => Assert.Equal(1, v));
            Assert.Equal((0, 500), shares[0]);
            Assert.Equal((500, 1001), shares[1]);
        }
    }

    [Fact]
    public void Shares_the_caller_takes_over_from_idle_helpers_still_run_once_each_and_fail_as_their_own()
    {
        // Share 0 is empty, so the caller is back at once and claims whatever share a helper has not started yet
        // (which thread wins each share depends on timing), and every share still runs exactly once.
        int callerThread = Environment.CurrentManagedThreadId, byCaller = 0, byHelpers = 0;
        for (int round = 0; round < 2000; round++)
        {
            var runs = new int[6];
            BatchParallel.For(6, 6, (worker, _, _) =>
            {
                if (worker == 0) return;
                Interlocked.Increment(ref runs[worker]);
                if (Environment.CurrentManagedThreadId == callerThread) Interlocked.Increment(ref byCaller);
                else Interlocked.Increment(ref byHelpers);
            });
            Assert.All(runs.Skip(1), r => Assert.Equal(1, r));
        }
        Assert.Equal(2000 * 5, byCaller + byHelpers);
        // A share that throws fails the region whichever thread ran it.
        for (int round = 0; round < 200; round++)
        {
            var ex = Assert.Throws<InvalidOperationException>(() => BatchParallel.For(6, 6, (worker, _, _) =>
            {
                if (worker == 5) throw new InvalidOperationException("share 5 failed");
            }));
            Assert.Equal("share 5 failed", ex.Message);
        }
    }

    [Fact]
    public void A_failure_in_the_second_share_reaches_the_caller_and_the_workers_keep_working()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => BatchParallel.For(10, 2, (worker, _, _) =>
        {
            if (worker == 1) throw new InvalidOperationException("share 1 failed");
        }));
        Assert.Equal("share 1 failed", ex.Message);
        long sum = 0;
        BatchParallel.For(100, 2, (_, start, end) =>
        {
            for (int i = start; i < end; i++) Interlocked.Add(ref sum, i);
        });
        Assert.Equal(4950, sum);
    }

    [Fact]
    public void While_another_thread_holds_the_helpers_the_pool_runs_the_shares_with_the_same_failures()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() => BatchParallel.For(2, 2, (worker, _, _) =>
        {
            started.Set();
            release.Wait();
        }));
        holder.Start();
        try
        {
            started.Wait();
            var visits = new int[10];
            BatchParallel.For(visits.Length, 2, (_, start, end) =>
            {
                for (int i = start; i < end; i++) visits[i]++;
            });
            Assert.All(visits, v => Assert.Equal(1, v));
            var ex = Assert.Throws<InvalidOperationException>(() => BatchParallel.For(10, 2, (worker, _, _) =>
            {
                if (worker == 1) throw new InvalidOperationException("pool share failed");
            }));
            Assert.Equal("pool share failed", ex.Message);
        }
        finally
        {
            release.Set();
            holder.Join();
        }
    }

    [Fact]
    public void Inside_a_share_kernels_run_inline_and_a_nested_split_still_covers_its_range()
    {
        var inner = new int[2];
        var innerVisits = new int[64];
        BatchParallel.For(2, 2, (worker, _, _) =>
        {
            Assert.True(BatchParallel.InWorker);
            inner[worker] = BatchParallel.Workers(1000, 1 << 20);
            BatchParallel.For(32, 2, (_, start, end) =>
            {
                for (int i = start; i < end; i++) Interlocked.Increment(ref innerVisits[worker * 32 + i]);
            });
        });
        Assert.False(BatchParallel.InWorker);
        Assert.Equal([1, 1], inner);
        Assert.All(innerVisits, v => Assert.Equal(1, v));
    }
}

/// <summary>Sets <see cref="BatchParallel.MaxWorkers"/>, so it runs alone, as the core-count tests do.</summary>
[Collection(nameof(WorkerCount))]
public class ChunkSchedulingTests
{
    [Fact]
    public void Chunks_run_once_each_over_their_ranges_and_a_slow_worker_takes_fewer_of_them()
    {
        int saved = BatchParallel.MaxWorkers;
        try
        {
            BatchParallel.MaxWorkers = 2;
            const int count = 1000, chunks = 16;
            var runs = new int[chunks];
            var ranges = new (int Start, int End)[chunks];
            var byWorker = new int[2];
            BatchParallel.ForChunks(count, chunks, (worker, chunk, start, end) =>
            {
                Interlocked.Increment(ref runs[chunk]);
                ranges[chunk] = (start, end);
                Interlocked.Increment(ref byWorker[worker]);
                if (worker == 0) Thread.Sleep(20); // a busy core: the other worker should take the rest
            });
            Assert.All(runs, r => Assert.Equal(1, r));
            for (int chunk = 0; chunk < chunks; chunk++) Assert.Equal(BatchParallel.ChunkRange(count, chunks, chunk), ranges[chunk]);
            Assert.Equal(chunks, byWorker[0] + byWorker[1]);
            Assert.True(byWorker[1] > byWorker[0], $"worker 0 (slow) ran {byWorker[0]} chunks, worker 1 {byWorker[1]}");
        }
        finally
        {
            BatchParallel.MaxWorkers = saved;
        }
    }
}
