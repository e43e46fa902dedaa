namespace NotebookNet.Training;

/// <summary>The loss became NaN or infinite; the message names the epoch and the batch (both from 1).</summary>
public sealed class TrainingDivergedException(int epoch, int batch, double loss)
    : Exception(FormattableString.Invariant(
        $"Training diverged: the loss is {loss} at epoch {epoch}, batch {batch}. Try a smaller learning rate."))
{
    public int Epoch { get; } = epoch;
    public int Batch { get; } = batch;
    public double Loss { get; } = loss;
}
