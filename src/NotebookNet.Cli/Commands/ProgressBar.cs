using System.Globalization;
using NotebookNet.Training;

namespace NotebookNet.Cli;

/// <summary>
/// A one-line progress bar redrawn in place on a terminal (about 10 times a second); when output is
/// redirected it prints one line per tenth of an epoch instead, so logs stay readable.
/// </summary>
public sealed class ProgressBar
{
    private const int Width = 30;
    private DateTime _lastDraw = DateTime.MinValue;
    private int _lastTenth = -1;

    public void Report(BatchProgress p)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}/{p.Epochs} [{Bar(p.Batch / (double)p.BatchesPerEpoch)}] batch {p.Batch}/{p.BatchesPerEpoch}  loss {p.Loss:F4}  acc {p.Accuracy:P2}  {p.ImagesPerSecond:N0} img/s");
        if (Console.IsOutputRedirected)
        {
            int tenth = (int)(10.0 * p.Batch / p.BatchesPerEpoch);
            if (tenth != _lastTenth || p.Batch == p.BatchesPerEpoch) Console.WriteLine(line);
            _lastTenth = tenth;
            return;
        }
        if (p.Batch != p.BatchesPerEpoch && DateTime.UtcNow - _lastDraw < TimeSpan.FromMilliseconds(100)) return;
        _lastDraw = DateTime.UtcNow;
        Console.Write("\r" + line.PadRight(Math.Max(line.Length, Console.WindowWidth - 1)));
    }

    public void EndEpoch(EpochResult result)
    {
        if (!Console.IsOutputRedirected) Console.WriteLine();
        Console.WriteLine(result.ToString());
        _lastTenth = -1;
    }

    private static string Bar(double fraction)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width);
        return new string('#', filled) + new string('.', Width - filled);
    }
}
