namespace NotebookNet.Interactive.Tests;

public class TrainingMonitorTests
{
    [Fact]
    public void Outside_a_kernel_it_logs_one_line_per_epoch_with_invariant_numbers()
    {
        using var _ = Culture.Spanish();
        var log = new StringWriter();
        var monitor = TrainingMonitor.Start("Red densa", 3, log);
        Assert.False(monitor.IsLive);
        for (int b = 1; b <= 100; b++) monitor.ReportBatch(1, b, 100, 1.0 / b, imagesPerSecond: 1234.6);
        monitor.Report(1, 0.8727098636309831, 0.5);
        monitor.Report(2, 0.25, 91.2); // a percentage is understood too
        monitor.Complete();

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length); // start, two epochs, completion: batches are not logged
        Assert.Contains("época 1/3", lines[1]);
        Assert.Contains("error 0.87271", lines[1]);
        Assert.Contains("exactitud 50.00 %", lines[1]);
        Assert.Contains("1235 imágenes/s", lines[1]);
        Assert.Contains("exactitud 91.20 %", lines[2]);
        Assert.Contains("completado", lines[3]);
        Assert.Equal([0.8727098636309831, 0.25], monitor.Losses);
        Assert.Equal([0.5, 0.912], monitor.Accuracies.Select(a => Math.Round(a!.Value, 6)));
        Assert.Equal(0, monitor.Updates);
    }

    [Fact]
    public void Without_a_writer_it_is_silent_and_never_throws()
    {
        var monitor = TrainingMonitor.Start("silencio", 1, log: null);
        monitor.ReportBatch(1, 1, 0, double.NaN);
        monitor.Report(1, double.PositiveInfinity);
        monitor.Complete();
        Assert.Contains("<svg", monitor.Snapshot().ToHtml());
    }

    [Fact]
    public void Without_a_writer_given_it_logs_to_the_console()
    {
        var before = Console.Out;
        var console = new StringWriter();
        Console.SetOut(console);
        try
        {
            var monitor = TrainingMonitor.Start("consola", 2);
            monitor.Report(1, 0.5);
            monitor.Complete();
        }
        finally
        {
            Console.SetOut(before);
        }
        string written = console.ToString();
        Assert.Contains("época 1/2", written);
        Assert.Contains("error 0.5", written);
        Assert.Contains("completado", written);
    }

    [Fact]
    public void Snapshot_shows_progress_and_the_growing_curve()
    {
        using var _ = Culture.Spanish();
        var monitor = TrainingMonitor.Start("CNN", 4, log: null);
        monitor.Report(1, 0.5, 0.8);
        monitor.ReportBatch(2, 50, 100, 0.4);
        var snapshot = monitor.Snapshot();
        string html = snapshot.ToHtml();

        Assert.Equal(0.375, snapshot.Fraction, 12); // 1.5 of 4 epochs
        Assert.Contains("width:37.5%", html);
        Assert.Contains("class=\"notebooknet-loss\"", html);
        Assert.Contains("lote 50/100", html);
        Assert.DoesNotContain("0,5", html);

        monitor.Report(2, 0.3);
        monitor.Complete();
        var done = monitor.Snapshot();
        Assert.Equal(1, done.Fraction);
        Assert.Contains("completado", done.ToHtml());
        Assert.Equal(2, done.EpochLosses.Count);
    }

    [Fact]
    public void Long_runs_keep_a_bounded_number_of_batch_points()
    {
        var monitor = TrainingMonitor.Start("larga", 10, log: null);
        for (int e = 1; e <= 10; e++)
            for (int b = 1; b <= 1000; b++) monitor.ReportBatch(e, b, 1000, 1.0 / (e * b));
        int points = monitor.Snapshot().BatchLosses.Count;
        Assert.InRange(points, 100, 600);
    }

    [Theory]
    [InlineData(0.7, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.2, 2.0)]
    [InlineData(0.0031, 0.005)]
    [InlineData(870, 1000)]
    public void Curve_axis_ends_on_a_round_number(double value, double expected) =>
        Assert.Equal(expected, CurveChart.NiceCeiling(value), 12);
}

public class TrainingMonitorWatchTests
{
    [Fact]
    public void Watch_reports_every_epoch_of_a_trainer_with_its_validation_accuracy_and_completes()
    {
        using var _ = Culture.Spanish();
        var log = new StringWriter();
        var monitor = TrainingMonitor.Start("CNN", 2, log);
        int ownBatches = 0;
        var options = monitor.Watch(new NotebookNet.Training.TrainerOptions { Epochs = 2, OnBatch = _ => ownBatches++ });

        // What a Trainer calls: its batches and epochs, through the options' callbacks.
        for (int e = 1; e <= 2; e++)
        {
            for (int b = 1; b <= 3; b++)
                options.OnBatch!(new NotebookNet.Training.BatchProgress(e, 2, b, 3, 0.5 / e, 0.8, 1000, 0.1, TimeSpan.FromSeconds(b)));
            options.OnEpoch!(new NotebookNet.Training.EpochResult(e, 2, 0.5 / e, 0.8 + 0.1 * e, 0.4 / e, 0.85 + 0.05 * e, 1, 0.1, 1000));
        }

        Assert.Equal(6, ownBatches);                                  // the callback already set still runs
        Assert.Equal([0.5, 0.25], monitor.Losses);
        Assert.Equal([0.9, 0.95], monitor.ValidationAccuracies.Select(a => Math.Round(a!.Value, 12)));
        var snapshot = monitor.Snapshot();
        Assert.True(snapshot.Completed);                               // after the last epoch, without Complete()
        string html = snapshot.ToHtml();
        Assert.Contains("class=\"notebooknet-validation-accuracy\"", html);
        Assert.Contains("class=\"notebooknet-train-accuracy\"", html);
        Assert.Contains("exactitud 100.00 %", snapshot.Summary());
        Assert.Contains("validación 95.00 %", snapshot.Summary());
        monitor.Complete();                                            // a second completion logs nothing more
        Assert.Single(log.ToString().Split('\n'), l => l.Contains("completado"));
    }

    [Fact]
    public void Without_validation_no_accuracy_chart_is_drawn()
    {
        var monitor = TrainingMonitor.Start("densa", 2, log: null);
        monitor.Report(1, 0.5, 0.8);
        Assert.DoesNotContain("notebooknet-validation-accuracy", monitor.Snapshot().ToHtml());
    }
}
