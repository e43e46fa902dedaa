namespace NotebookNet.Training;

/// <summary>
/// The figures of one epoch (counted from 1): mean training loss and accuracy over its batches (measured while
/// training, as Keras reports them), validation loss and accuracy in evaluation mode when there is a
/// validation set (NaN otherwise), wall-clock seconds and the learning rate used.
/// </summary>
public sealed record EpochResult(
    int Epoch, int Epochs, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy,
    double Seconds, double LearningRate, double ImagesPerSecond)
{
    public bool HasValidation => !double.IsNaN(ValidationLoss);

    public override string ToString() =>
        FormattableString.Invariant($"epoch {Epoch}/{Epochs}: loss {TrainLoss:F4}, accuracy {TrainAccuracy:P2}") +
        (HasValidation ? FormattableString.Invariant($", validation loss {ValidationLoss:F4}, validation accuracy {ValidationAccuracy:P2}") : "") +
        FormattableString.Invariant($" ({Seconds:F1} s, {ImagesPerSecond:F0} images/s)");
}
