using System.Runtime.ExceptionServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Helper threads that stay awake between a training step's parallel regions. A layer splits each batch in
/// two many times per step, every split a few hundred microseconds of work; waking a sleeping pool thread
/// for each costs a context switch on both cores (about a tenth of the small CNN's time under
/// <c>Parallel.For</c>). These threads spin for a while after each region and only then block, as OpenMP's
/// active wait policy does.
/// </summary>
internal static class SpinningWorkers
{
    /// <summary>How long an idle helper spins before it blocks: longer than the gaps between a step's layers.</summary>
    private const int SpinMilliseconds = 2;

    private static readonly object s_gate = new();
    private static Helper[] s_helpers = [];

    /// <summary>
    /// Runs <paramref name="body"/>(share, start, end) for <paramref name="workers"/> equal shares of [0, count):
    /// share 0 on the calling thread, the others on the helpers. False (nothing run) when another thread is
    /// already using the helpers or when called from inside a share; the caller then falls back to the thread pool.
    /// </summary>
    public static bool TryRun(int count, int workers, Action<int, int, int> body)
    {
        // A region nested in a share, or started by a second thread, goes to the pool instead (Monitor is reentrant).
        if (BatchParallel.InWorker || !Monitor.TryEnter(s_gate)) return false;
        try
        {
            var helpers = Ensure(workers - 1);
            for (int w = 1; w < workers; w++)
                helpers[w - 1].Start(body, w, (int)((long)count * w / workers), (int)((long)count * (w + 1) / workers));
            Exception? failure = null;
            try
            {
                body(0, 0, (int)((long)count / workers));
            }
            catch (Exception e)
            {
                failure = e;
            }
            for (int w = 1; w < workers; w++)
            {
                var error = helpers[w - 1].Join();
                failure ??= error;
            }
            if (failure is not null) ExceptionDispatchInfo.Capture(failure).Throw();
            return true;
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
    }

    private static Helper[] Ensure(int count)
    {
        if (s_helpers.Length < count)
        {
            var grown = new Helper[count];
            s_helpers.CopyTo(grown, 0);
            for (int i = s_helpers.Length; i < count; i++) grown[i] = new Helper();
            s_helpers = grown;
        }
        return s_helpers;
    }

    /// <summary>
    /// A short busy wait, giving the core away now and then: with one thread per core there is nobody to give it to,
    /// and a yield per check (SpinWait's habit) is a system call; on a busier machine the periodic yield lets the
    /// thread being waited for run.
    /// </summary>
    private static void Pause(int spins)
    {
        if ((spins & 63) == 63) Thread.Yield();
        else Thread.SpinWait(16);
    }

    /// <summary>One background thread running one share of each region it is given.</summary>
    private sealed class Helper
    {
        private readonly SemaphoreSlim _wake = new(0);
        private Action<int, int, int>? _body;
        private int _share, _start, _end;
        private int _posted, _finished, _sleeping;
        private Exception? _error;

        public Helper()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "NotebookNet worker" };
            thread.Start();
        }

        public void Start(Action<int, int, int> body, int share, int start, int end)
        {
            (_body, _share, _start, _end, _error) = (body, share, start, end, null);
            Interlocked.Increment(ref _posted);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        public Exception? Join()
        {
            for (int spins = 0; Volatile.Read(ref _finished) != Volatile.Read(ref _posted); spins++) Pause(spins);
            return _error;
        }

        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                long deadline = Environment.TickCount64 + SpinMilliseconds;
                for (int spins = 0; Volatile.Read(ref _posted) == seen; spins++)
                {
                    if (Environment.TickCount64 < deadline)
                    {
                        Pause(spins);
                        continue;
                    }
                    // Announce the sleep, then look once more: a Start after the announcement releases us.
                    Interlocked.Exchange(ref _sleeping, 1);
                    if (Volatile.Read(ref _posted) == seen) _wake.Wait();
                    Interlocked.Exchange(ref _sleeping, 0);
                    deadline = Environment.TickCount64 + SpinMilliseconds;
                }
                seen = Volatile.Read(ref _posted);
                try
                {
                    _body!(_share, _start, _end);
                }
                catch (Exception e)
                {
                    _error = e;
                }
                finally
                {
                    _body = null;
                    Volatile.Write(ref _finished, seen);
                }
            }
        }
    }
}
