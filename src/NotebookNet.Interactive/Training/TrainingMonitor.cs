using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookNet.Training;

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
///
/// // A Trainer's run, in one line: every batch and epoch reported, completed after the last epoch.
/// var trainer = new Trainer&lt;float&gt;(model, optimizer, TrainingMonitor.Start("CNN", 3).Watch(options));
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
    private readonly List<double?> _validationAccuracies = [];
    private List<(double X, double Loss)> _batchLosses = [];
    private double _batchSpacing;
    private DisplayedValue? _display;
    private TimeSpan? _lastUpdate;
    private int _epoch, _batch, _batches;
    private double? _loss, _accuracy, _validationAccuracy, _imagesPerSecond;
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

    /// <summary>Validation accuracy (0..1) of every reported epoch, null where none was given.</summary>
    public IReadOnlyList<double?> ValidationAccuracies { get { lock (_gate) return _validationAccuracies.ToArray(); } }

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

    /// <summary>
    /// <paramref name="options"/> with this monitor added to its callbacks (those already set still run, first): every
    /// batch and epoch of a <see cref="Trainer{T}"/> is reported, and the monitor completes after the last epoch.
    /// </summary>
    public TrainerOptions Watch(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Action<BatchProgress>? onBatch = options.OnBatch;
        onBatch += ReportBatch;
        Action<EpochResult>? onEpoch = options.OnEpoch;
        onEpoch += Report;
        return options with { OnBatch = onBatch, OnEpoch = onEpoch };
    }

    /// <summary>A trainer's batch finished (see <see cref="ReportBatch(int, int, int, double, double?, double?)"/>).</summary>
    public void ReportBatch(BatchProgress batch) =>
        ReportBatch(batch.Epoch, batch.Batch, batch.BatchesPerEpoch, batch.Loss, batch.Accuracy, batch.ImagesPerSecond);

    /// <summary>A trainer's epoch finished: its training loss and accuracy, its validation accuracy when it has one;
    /// after the last epoch the monitor completes.</summary>
    public void Report(EpochResult epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        Report(epoch.Epoch, epoch.TrainLoss, epoch.TrainAccuracy, epoch.HasValidation ? epoch.ValidationAccuracy : null);
        if (epoch.Epoch >= epoch.Epochs) Complete();
    }

    /// <summary>An epoch finished with this error and, optionally, training and validation accuracy (0..1; a value
    /// above 1 is read as a percentage).</summary>
    public void Report(int epoch, double loss, double? accuracy = null, double? validationAccuracy = null)
    {
        TrainingProgress snapshot;
        lock (_gate)
        {
            accuracy = Normalize(accuracy);
            validationAccuracy = Normalize(validationAccuracy);
            (_epoch, _loss, _accuracy, _validationAccuracy) = (epoch, loss, accuracy, validationAccuracy);
            _batch = _batches;
            int at = _epochLosses.FindIndex(p => p.X == epoch);
            if (at >= 0) { _epochLosses[at] = (epoch, loss); _accuracies[at] = accuracy; _validationAccuracies[at] = validationAccuracy; }
            else { _epochLosses.Add((epoch, loss)); _accuracies.Add(accuracy); _validationAccuracies.Add(validationAccuracy); }
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

    /// <summary>Training ended: the output shows the final figures and the whole curve (a second call does nothing).</summary>
    public void Complete()
    {
        TrainingProgress snapshot;
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            snapshot = SnapshotLocked();
        }
        Publish(snapshot, force: true);
        if (!IsLive) _log?.WriteLine($"{Title}: completado en {Markup.Duration(snapshot.Elapsed)}");
    }

    /// <summary>The current state as a view (what the notebook output shows).</summary>
    public TrainingProgress Snapshot() { lock (_gate) return SnapshotLocked(); }

    private TrainingProgress SnapshotLocked() =>
        new(Title, TotalEpochs, _epoch, _batch, _batches, _loss, _accuracy, _validationAccuracy, _imagesPerSecond, _clock.Elapsed,
            _completed, _epochLosses.ToArray(), _batchLosses.ToArray(), Points(_accuracies), Points(_validationAccuracies));

    private (double X, double Y)[] Points(List<double?> values) =>
        [.. values.Select((v, i) => (_epochLosses[i].X, v)).Where(p => p.v is not null).Select(p => (p.X, p.v!.Value))];

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
