using System.Numerics;
using NotebookNet.Layers;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet;

/// <summary>
/// Ready-made MNIST networks (input: 784-row columns, 1x28x28 images; output: 10 logits for
/// <c>Loss.SoftmaxCrossEntropy</c>). The non-generic overloads build float networks for fast training;
/// the generic ones take any element type (double for gradient checks).
/// <para>
/// ReLU is placed after max pooling rather than before: the two commute (both are monotone, so
/// <c>max(relu(a), relu(b)) = relu(max(a, b))</c>), the function and its gradient are the same, and the
/// activation runs on a quarter of the values.
/// </para>
/// </summary>
public static class Models
{
    /// <summary>The small CNN "8c3-pool-16c3-pool-fc10": 1x28x28 → conv 3x3 ×8 → 8x26x26 → pool → 8x13x13 → conv 3x3 ×16 → 16x11x11 → pool → 16x5x5 → dense 400→10 (5,258 parameters).</summary>
    public static Sequential<float> SmallCnn(Rng rng) => SmallCnn<float>(rng);

    /// <inheritdoc cref="SmallCnn(Rng)"/>
    public static Sequential<T> SmallCnn<T>(Rng rng) where T : struct, IFloatingPointIeee754<T>
    {
        return new Sequential<T>(
            new Convolutional<T>((1, 28, 28), 3, 8, rng: rng),
            new MaxPooling<T>((8, 26, 26)),
            new ReLU<T>(),
            new Convolutional<T>((8, 13, 13), 3, 16, rng: rng),
            new MaxPooling<T>((16, 11, 11)),
            new ReLU<T>(),
            new Flatten<T>((16, 5, 5)),
            new Dense<T>(400, 10, Init.GlorotUniform, rng));
    }

    /// <summary>
    /// LeNet-5 as modern libraries write it, "32c5p2-pool-64c5p2-pool-fc128-fc10": two 5x5 convolutions with
    /// zero padding 2 (32 then 64 kernels), each followed by 2x2 max pooling and ReLU, a 3136→128 dense layer
    /// with ReLU, an optional <paramref name="dropout"/> before the 128→10 output layer (454,922 parameters).
    /// </summary>
    public static Sequential<float> LeNet5(Rng rng, double dropout = 0) => LeNet5<float>(rng, dropout);

    /// <inheritdoc cref="LeNet5(Rng, double)"/>
    public static Sequential<T> LeNet5<T>(Rng rng, double dropout = 0) where T : struct, IFloatingPointIeee754<T>
    {
        var model = new Sequential<T>(
            new Convolutional<T>((1, 28, 28), 5, 32, padding: 2, rng: rng),
            new MaxPooling<T>((32, 28, 28)),
            new ReLU<T>(),
            new Convolutional<T>((32, 14, 14), 5, 64, padding: 2, rng: rng),
            new MaxPooling<T>((64, 14, 14)),
            new ReLU<T>(),
            new Flatten<T>((64, 7, 7)),
            new Dense<T>(3136, 128, Init.HeNormal, rng),
            new ReLU<T>());
        if (dropout > 0) model.Add(new Dropout<T>(dropout, rng));
        return model.Add(new Dense<T>(128, 10, Init.GlorotUniform, rng));
    }

    /// <summary>
    /// The reference model, aimed at 99.5 % on the test set: <see cref="LeNet5(Rng, double)"/> with dropout
    /// <see cref="ReferenceDropout"/> before the output layer. Train it with <see cref="ReferenceTrainer"/>: digits moved
    /// at random by up to <see cref="ReferenceShift"/> pixels each time they are drawn, Adam under a one-cycle schedule
    /// (<see cref="Schedules.OneCycle"/>: warm-up over the first <see cref="ReferenceWarmUp"/> of the run to a peak of
    /// <see cref="ReferenceLearningRate"/>, then a cosine fall to almost nothing), batches of <see cref="ReferenceBatchSize"/>,
    /// <see cref="ReferenceEpochs"/> epochs, softmax cross-entropy with label smoothing <see cref="ReferenceLabelSmoothing"/>
    /// (<see cref="TrainerOptions.LabelSmoothing"/>). Every setting was chosen on a validation split (the last 6,000 training
    /// images, training on the other 54,000), never on the test set; the README gives the recipes compared and how close
    /// the chosen one comes to the goal.
    /// </summary>
    /// <example><code>
    /// var (train, test) = Mnist.Load();
    /// var trainer = Models.ReferenceTrainer(Models.Reference(new Rng(0)), new Rng(1));
    /// var history = trainer.Fit(train);                  // all 60,000 images, shifted at random
    /// var (loss, accuracy) = trainer.Evaluate(test);     // looked at once, after training
    /// </code></example>
    public static Sequential<float> Reference(Rng rng) => LeNet5(rng, dropout: ReferenceDropout);

    /// <summary>The reference recipe's trainer for <paramref name="model"/>: see <see cref="Reference"/>.</summary>
    /// <param name="model">Usually <see cref="Reference"/>'s network.</param>
    /// <param name="rng">Shuffles the batches and draws the shifts.</param>
    /// <param name="onBatch">Optional per-batch progress callback.</param>
    /// <param name="onEpoch">Optional per-epoch callback.</param>
    public static Trainer<float> ReferenceTrainer(Sequential<float> model, Rng rng,
        Action<BatchProgress>? onBatch = null, Action<EpochResult>? onEpoch = null)
    {
        var recipe = ModelCatalog.Get("reference");
        return new(model, recipe.Optimizer(), recipe.TrainerOptions(rng) with { OnBatch = onBatch, OnEpoch = onEpoch });
    }

    /// <summary>The reference recipe's augmentation: MNIST digits moved by up to <see cref="ReferenceShift"/> pixels.</summary>
    public static ShiftAugmentation ReferenceAugmentation { get; } = new((1, 28, 28), ReferenceShift);

    /// <summary>The reference recipe's schedule for a run of <paramref name="epochs"/> epochs: see <see cref="Reference"/>.</summary>
    public static LearningRateSchedule ReferenceSchedule(int epochs) => Schedules.OneCycle(epochs, ReferenceWarmUp);

    /// <summary>The reference recipe's settings, for catalogs and notebooks that show them.</summary>
    public const double ReferenceDropout = 0.4, ReferenceLearningRate = 2e-3, ReferenceWarmUp = 0.25, ReferenceLabelSmoothing = 0.1;

    /// <inheritdoc cref="ReferenceDropout"/>
    public const int ReferenceEpochs = 18, ReferenceBatchSize = 64, ReferenceShift = 3;

    /// <summary>One line for help texts: the reference recipe's settings, written from the constants above.</summary>
    public static string ReferenceDescription { get; } = FormattableString.Invariant(
        $"LeNet-5 with dropout {ReferenceDropout}, random shifts of up to {ReferenceShift} pixels, Adam on a one-cycle schedule peaking at {ReferenceLearningRate} after {ReferenceWarmUp:P0} of the run, batch {ReferenceBatchSize}, {ReferenceEpochs} epochs, label smoothing {ReferenceLabelSmoothing}");
}
