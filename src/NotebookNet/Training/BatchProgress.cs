namespace NotebookNet.Training;

/// <summary>
/// Reported after every training batch (for live charts and progress bars). Epochs and batches count from 1;
/// <see cref="ImagesPerSecond"/> is the rate so far in this epoch.
/// </summary>
public readonly record struct BatchProgress(
    int Epoch, int Epochs, int Batch, int BatchesPerEpoch, double Loss, double Accuracy,
    double ImagesPerSecond, double LearningRate, TimeSpan Elapsed)
{
    /// <summary>Fraction of the whole run done, in [0, 1].</summary>
    public double Progress => ((Epoch - 1) * (double)BatchesPerEpoch + Batch) / (Epochs * (double)BatchesPerEpoch);
}
