using System.Text;

namespace NotebookNet.Training;

/// <summary>What a training run recorded: one <see cref="EpochResult"/> per epoch and the loss of every batch.</summary>
public sealed class History
{
    private readonly List<EpochResult> _epochs = [];
    private readonly List<double> _batchLosses = [];

    public IReadOnlyList<EpochResult> Epochs => _epochs;

    /// <summary>The training loss of every batch, in order, across epochs.</summary>
    public IReadOnlyList<double> BatchLosses => _batchLosses;

    public IReadOnlyList<double> TrainLoss => [.. _epochs.Select(e => e.TrainLoss)];
    public IReadOnlyList<double> TrainAccuracy => [.. _epochs.Select(e => e.TrainAccuracy)];
    public IReadOnlyList<double> ValidationLoss => [.. _epochs.Select(e => e.ValidationLoss)];
    public IReadOnlyList<double> ValidationAccuracy => [.. _epochs.Select(e => e.ValidationAccuracy)];
    public IReadOnlyList<double> Seconds => [.. _epochs.Select(e => e.Seconds)];

    /// <summary>Total training time in seconds.</summary>
    public double TotalSeconds => _epochs.Sum(e => e.Seconds);

    internal void AddBatch(double loss) => _batchLosses.Add(loss);

    internal void AddEpoch(EpochResult result) => _epochs.Add(result);

    /// <summary>One line per epoch.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var e in _epochs) sb.AppendLine(e.ToString());
        return sb.ToString().TrimEnd();
    }
}
