using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookNet.Interactive;

/// <summary>
/// Live progress of a training run. In a notebook it shows ONE output (progress bar, epoch, error, accuracy, speed and
/// the error curve) and updates it in place; batch reports refresh it at most <see cref="MaxUpdatesPerSecond"/> times a
/// second. Outside a kernel (console, tests) it writes one line per epoch to the given writer and never throws.
/// </summary>
/// <example><code>
/// var monitor = TrainingMonitor.Start("Red densa", epochs);
/// for (int e = 1; e &lt;= epochs; e++) { …; monitor.Report(e, error); }
/// monitor.Complete();
/// </code></example>
public sealed class TrainingMonitor
{
    /// <summary>Batch updates per second, at most: enough to look live, few enough not to flood the front end.</summary>
    public const double MaxUpdatesPerSecond = 4;

    private const int MaxBatchPoints = 600;

    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TextWriter? _log;
    private readonly List<(double X, double Loss)> _epochLosses = [];
    private readonly List<double?> _accuracies = [];
    private List<(double X, double Loss)> _batchLosses = [];
    private double _batchSpacing;
    private DisplayedValue? _display;
    private TimeSpan? _lastUpdate;
    private int _epoch, _batch, _batches;
    private double? _loss, _accuracy, _imagesPerSecond;
    private bool _completed;

    private TrainingMonitor(string title, int totalEpochs, TextWriter? log)
    {
        Title = title;
        TotalEpochs = totalEpochs;
        _log = log;
    }

    public string Title { get; }
    public int TotalEpochs { get; }

    /// <summary>True when the progress is shown in a notebook output; false when it goes to the log writer.</summary>
    public bool IsLive => _display is not null;

    /// <summary>Error of every reported epoch, in order.</summary>
    public IReadOnlyList<double> Losses { get { lock (_gate) return _epochLosses.Select(p => p.Loss).ToArray(); } }

    /// <summary>Accuracy (0..1) of every reported epoch, null where none was given.</summary>
    public IReadOnlyList<double?> Accuracies { get { lock (_gate) return _accuracies.ToArray(); } }

    /// <summary>How many times the notebook output was refreshed (for tests and curiosity).</summary>
    public int Updates { get; private set; }

    /// <summary>Starts monitoring: shows the output in a notebook, or logs epochs to <see cref="Console.Out"/> elsewhere.</summary>
    public static TrainingMonitor Start(string title, int totalEpochs) => Start(title, totalEpochs, Console.Out);

    /// <summary>As <see cref="Start(string, int)"/>, logging to <paramref name="log"/> (null: silent) outside a notebook.</summary>
    public static TrainingMonitor Start(string title, int totalEpochs, TextWriter? log)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalEpochs);
        var monitor = new TrainingMonitor(title ?? "", totalEpochs, log);
        var context = KernelInvocationContext.Current;
        if (context is not null)
        {
            NotebookDisplay.Register();
            try { monitor._display = context.Display(monitor.Snapshot(), HtmlFormatter.MimeType); }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                log?.WriteLine($"{monitor.Title}: no live output ({e.Message})");
            }
        }
        else log?.WriteLine($"{monitor.Title}: {totalEpochs} épocas");
        return monitor;
    }

    /// <summary>An epoch finished with this error and, optionally, accuracy (0..1; a value above 1 is read as a percentage).</summary>
    public void Report(int epoch, double loss, double? accuracy = null)
    {
        TrainingProgress snapshot;
        lock (_gate)
        {
            accuracy = Normalize(accuracy);
            (_epoch, _loss, _accuracy) = (epoch, loss, accuracy);
            _batch = _batches;
            int at = _epochLosses.FindIndex(p => p.X == epoch);
            if (at >= 0) { _epochLosses[at] = (epoch, loss); _accuracies[at] = accuracy; }
            else { _epochLosses.Add((epoch, loss)); _accuracies.Add(accuracy); }
            snapshot = SnapshotLocked();
        }
        Publish(snapshot, force: true);
        if (!IsLive) _log?.WriteLine($"{Title}: {snapshot.Summary()}");
    }

    /// <summary>A batch finished; the output refreshes at most <see cref="MaxUpdatesPerSecond"/> times a second (and on the last batch).</summary>
    public void ReportBatch(int epoch, int batch, int batches, double loss, double? accuracy = null, double? imagesPerSecond = null)
    {
        TrainingProgress snapshot;
        bool due;
        lock (_gate)
        {
            (_epoch, _batch, _batches, _loss) = (epoch, batch, batches, loss);
            if (accuracy is not null) _accuracy = Normalize(accuracy);
            if (imagesPerSecond is not null) _imagesPerSecond = imagesPerSecond;
            AddBatchPoint(epoch - 1 + (batches > 0 ? (double)batch / batches : 0), loss);
            due = batch >= batches || IsDue();
            if (!due || !IsLive) return;
            snapshot = SnapshotLocked();
        }
        Publish(snapshot, force: batch >= batches);
    }

    /// <summary>Training ended: the output shows the final figures and the whole curve.</summary>
    public void Complete()
    {
        TrainingProgress snapshot;
        lock (_gate)
        {
            _completed = true;
            snapshot = SnapshotLocked();
        }
        Publish(snapshot, force: true);
        if (!IsLive) _log?.WriteLine($"{Title}: completado en {Markup.Duration(snapshot.Elapsed)}");
    }

    /// <summary>The current state as a view (what the notebook output shows).</summary>
    public TrainingProgress Snapshot() { lock (_gate) return SnapshotLocked(); }

    private TrainingProgress SnapshotLocked() =>
        new(Title, TotalEpochs, _epoch, _batch, _batches, _loss, _accuracy, _imagesPerSecond, _clock.Elapsed, _completed,
            _epochLosses.ToArray(), _batchLosses.ToArray());

    private void Publish(TrainingProgress snapshot, bool force)
    {
        var display = _display;
        if (display is null) return;
        lock (_gate)
        {
            if (!force && !IsDue()) return;
            _lastUpdate = _clock.Elapsed;
            Updates++;
        }
        try { display.Update(snapshot); }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or NullReferenceException)
        {
            // The cell that owned the output is gone; keep training and fall back to the log.
            _display = null;
            _log?.WriteLine($"{Title}: {snapshot.Summary()}");
        }
    }

    /// <summary>Keeps at most <see cref="MaxBatchPoints"/> points by dropping every other one when full, so long runs stay light.</summary>
    private void AddBatchPoint(double x, double loss)
    {
        if (_batchLosses.Count > 0 && x - _batchLosses[^1].X < _batchSpacing) return;
        _batchLosses.Add((x, loss));
        if (_batchLosses.Count < MaxBatchPoints) return;
        _batchLosses = _batchLosses.Where((_, i) => i % 2 == 0).ToList();
        _batchSpacing = _batchLosses.Count > 1 ? (_batchLosses[^1].X - _batchLosses[0].X) / (_batchLosses.Count - 1) : 0;
    }

    private bool IsDue() => _lastUpdate is not { } last || _clock.Elapsed - last >= TimeSpan.FromSeconds(1 / MaxUpdatesPerSecond);

    private static double? Normalize(double? accuracy) => accuracy > 1 ? accuracy / 100 : accuracy;
}
