using NotebookNet.Data;

namespace NotebookNet.Training;

/// <summary>How the validation set is cut from the training set when <see cref="TrainerOptions.ValidationFraction"/> is set.</summary>
public enum ValidationSplit
{
    /// <summary>The last fraction of the samples, as Keras' <c>validation_split</c>.</summary>
    Last,

    /// <summary>A random fraction drawn from <see cref="TrainerOptions.Rng"/>.</summary>
    Random,
}

/// <summary>Random translations of training images of <paramref name="ImageShape"/> (CHW) by up to <paramref name="MaxPixels"/> in each direction.</summary>
public sealed record ShiftAugmentation((int Depth, int Height, int Width) ImageShape, int MaxPixels);

/// <summary>Settings of a <see cref="Trainer{T}"/> run.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = 64;

    /// <summary>Reshuffle the training samples every epoch (seeded by <see cref="Rng"/>).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Where shuffles, random splits and shifts come from; when null, the trainer's own generator seeded 0.</summary>
    public Rng? Rng { get; init; }

    /// <summary>Fraction of the training set held out for validation when no validation set is given; 0 for none.</summary>
    public double ValidationFraction { get; init; }

    public ValidationSplit ValidationSplit { get; init; } = ValidationSplit.Last;

    /// <summary>
    /// Data augmentation: training images moved at random by up to this many pixels each time they are drawn
    /// (<see cref="DataSource.Shifted{T}"/>, shifts drawn from <see cref="Rng"/>). Applied after the validation split,
    /// so validation samples are never moved. Null for none.
    /// </summary>
    public ShiftAugmentation? Shift { get; init; }

    /// <summary>
    /// Averaged weights: a running average of the parameters from part of the way through the run on, which the
    /// per-epoch validation measures (once the average has started) and which <c>Fit</c> leaves in the network at the
    /// end, in place of the weights of the last step. Null for none: the network ends on its last step's weights.
    /// </summary>
    public WeightAveraging? WeightAveraging { get; init; }

    /// <summary>
    /// Label smoothing ε for the trainer's default loss, in [0, 1): with ε &gt; 0 it is
    /// <see cref="Losses.Loss.SmoothedSoftmaxCrossEntropy{T}(double)"/>, so training and validation losses are measured
    /// against targets of <c>1 − ε + ε/K</c> on the label and <c>ε/K</c> elsewhere. 0 (the default) for plain softmax
    /// cross-entropy. A trainer given its own loss refuses a non-zero value.
    /// </summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Sets the optimizer's learning rate at the start of each epoch; null keeps it.</summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>Called after every batch.</summary>
    public Action<BatchProgress>? OnBatch { get; init; }

    /// <summary>Called after every epoch, once validation is done.</summary>
    public Action<EpochResult>? OnEpoch { get; init; }

    /// <summary>Batch size for the validation passes (no gradients, so larger is fine).</summary>
    public int EvaluationBatchSize { get; init; } = 500;

    /// <summary>Stops between batches (throws <see cref="OperationCanceledException"/>).</summary>
    public CancellationToken CancellationToken { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, nameof(BatchSize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EvaluationBatchSize, nameof(EvaluationBatchSize));
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be in [0, 1).");
        if (!(LabelSmoothing >= 0 && LabelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(LabelSmoothing), LabelSmoothing, "Label smoothing must be in [0, 1).");
        WeightAveraging?.Validate();
    }
}
