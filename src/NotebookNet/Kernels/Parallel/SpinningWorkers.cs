using System.Runtime.ExceptionServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Helper threads that stay awake between a training step's parallel regions. A layer splits each batch in
/// two many times per step, every split a few hundred microseconds of work; waking a sleeping pool thread
/// for each costs a context switch on both cores (about a tenth of the small CNN's time under
/// <c>Parallel.For</c>). These threads spin for a while after each region and only then block, as OpenMP's
/// active wait policy does.
/// <para>
/// On a busy machine a helper may not be running when a region starts. So each share is claimed before it runs, by
/// its helper or by the calling thread: once the caller has finished its own share it takes over every share no
/// helper has claimed yet, instead of waiting for a helper the scheduler has not woken. A share computes the same
/// values on whichever thread runs it (it gets its worker index either way), so results do not change.
/// </para>
/// </summary>
internal static class SpinningWorkers
{
    /// <summary>How long an idle helper spins before it blocks: longer than the gaps between a step's layers.</summary>
    private const int SpinMilliseconds = 2;

    private static readonly object s_gate = new();
    private static Helper[] s_helpers = [];

    /// <summary>
    /// Runs <paramref name="share"/>(0) … <paramref name="share"/>(workers − 1): share 0 on the calling thread, the
    /// others on the helpers. False (nothing run) when another thread is already using the helpers or when called
    /// from inside a share; the caller then falls back to the thread pool.
    /// </summary>
    public static bool TryRun(int workers, Action<int> share)
    {
        // A region nested in a share, or started by a second thread, goes to the pool instead (Monitor is reentrant).
        if (BatchParallel.InWorker || !Monitor.TryEnter(s_gate)) return false;
        try
        {
            var helpers = Ensure(workers - 1);
            for (int w = 1; w < workers; w++) helpers[w - 1].Start(share, w);
            Exception? failure = null;
            try
            {
                share(0);
            }
            catch (Exception e)
            {
                failure = e;
            }
            for (int w = 1; w < workers; w++)
            {
                var helper = helpers[w - 1];
                if (!helper.TryClaim())
                {
                    failure ??= helper.Join();
                    continue;
                }
                try
                {
                    share(w);
                }
                catch (Exception e)
                {
                    failure ??= e;
                }
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

    /// <summary>
    /// One background thread running one share of each region it is given, unless the caller claims that share first.
    /// Post p is claimed by moving <c>_claimed</c> from p − 1 to p, so exactly one thread runs it.
    /// </summary>
    private sealed class Helper
    {
        private readonly SemaphoreSlim _wake = new(0);
        private Action<int>? _body;
        private int _share;
        private int _posted, _claimed, _finished, _sleeping;
        private Exception? _error;

        public Helper()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "NotebookNet worker" };
            thread.Start();
        }

        public void Start(Action<int> body, int share)
        {
            (_body, _share, _error) = (body, share, null);
            Interlocked.Increment(ref _posted);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        /// <summary>Takes the last posted share away from the helper if it has not started it; the caller then runs it.</summary>
        public bool TryClaim()
        {
            int post = Volatile.Read(ref _posted);
            return Interlocked.CompareExchange(ref _claimed, post, post - 1) == post - 1;
        }

        /// <summary>Waits for the helper to finish the share it claimed; returns what it threw.</summary>
        public Exception? Join()
        {
            int post = Volatile.Read(ref _posted);
            for (int spins = 0; Volatile.Read(ref _finished) != post; spins++) Pause(spins);
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
                // A share the caller claimed (it found this thread not yet running) is only acknowledged.
                if (Interlocked.CompareExchange(ref _claimed, seen, seen - 1) == seen - 1)
                {
                    try
                    {
                        _body!(_share);
                    }
                    catch (Exception e)
                    {
                        _error = e;
                    }
                    finally
                    {
                        _body = null;
                    }
                }
                Volatile.Write(ref _finished, seen);
            }
        }
    }
}
