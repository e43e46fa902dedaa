using System.Diagnostics;
using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;
using NotebookNet.Tensors;

namespace NotebookNet.Training;

/// <summary>
/// Mini-batch training of a classifier: each epoch shuffles the training samples (seeded), and for each batch runs
/// forward, the loss and its gradient (softmax cross-entropy on logits, smoothed by
/// <see cref="TrainerOptions.LabelSmoothing"/>, unless another <see cref="ClassificationLoss{T}"/> is given), backward
/// and one optimizer step; then measures the validation set in evaluation mode. With
/// <see cref="TrainerOptions.WeightAveraging"/>, the validation and the network at the end use the averaged weights.
/// Batch buffers are reused from batch to batch.
/// </summary>
public sealed class Trainer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;

    /// <summary>
    /// Shuffles, splits and shifts draw from <see cref="TrainerOptions.Rng"/>, or from a generator of the trainer's own
    /// seeded 0 (never a shared one, so another model in the same notebook cannot change this one's batches).
    /// </summary>
    public Trainer(Sequential<T> model, Optimizer<T> optimizer, TrainerOptions? options = null, ClassificationLoss<T>? loss = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions();
        Options.Validate();
        if (loss is not null && Options.LabelSmoothing != 0)
            throw new ArgumentException(FormattableString.Invariant(
                $"Trainer: label smoothing {Options.LabelSmoothing} applies to the default loss; smooth the loss given instead, or set LabelSmoothing to 0."), nameof(options));
        Loss = loss ?? Losses.Loss.SmoothedSoftmaxCrossEntropy<T>(Options.LabelSmoothing);
        _rng = Options.Rng ?? new Rng(0);
    }

    public Sequential<T> Model { get; }
    public Optimizer<T> Optimizer { get; }
    public TrainerOptions Options { get; }

    /// <summary>What training minimises and <see cref="Evaluate(IDataSource{T})"/> reports.</summary>
    public ClassificationLoss<T> Loss { get; }

    /// <summary>Trains on MNIST sets; <paramref name="validation"/> (e.g. the test set) replaces any validation split.</summary>
    public History Fit(MnistSet train, MnistSet? validation = null) =>
        Fit(DataSource.FromMnist<T>(train), validation is null ? null : DataSource.FromMnist<T>(validation));

    /// <summary>
    /// Trains for <see cref="TrainerOptions.Epochs"/> epochs. Without <paramref name="validation"/>, a
    /// <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="train"/> is held out for it.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss of a batch is NaN or infinite.</exception>
    public History Fit(IDataSource<T> train, IDataSource<T>? validation = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var rng = _rng;
        CheckLabels(train, "training");
        if (validation is not null) CheckLabels(validation, "validation");
        var original = train;
        if (validation is null && Options.ValidationFraction > 0) (train, validation) = Split(train, rng);
        if (Options.Shift is { } shift) train = DataSource.Shifted(train, shift.ImageShape, shift.MaxPixels, rng);
        if (train.Count == 0) throw new ArgumentException("Trainer: the training set is empty.", nameof(train));
        if (validation is not null && validation.Features != train.Features)
            throw new ArgumentException($"Trainer: training samples have {train.Features} rows but validation samples {validation.Features}.");

        var history = new History();
        int n = train.Count, batchSize = Math.Min(Options.BatchSize, n), batches = (n + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var buffers = new BatchBuffers(train.Features, train.Classes);
        var averaged = Options.WeightAveraging is { } averaging
            ? new AveragedWeights<T>(Model.Parameters, averaging, Options.Epochs * batches) : null;
        var total = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            double rate = Optimizer.LearningRate;
            if (Options.Shuffle) rng.Shuffle(order.AsSpan());
            Model.Train();
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++)
            {
                Options.CancellationToken.ThrowIfCancellationRequested();
                // Read every batch, so a callback that changes the optimizer's rate takes effect at the next step.
                rate = Options.Schedule is { } schedule ? schedule(epoch + b / (double)batches, Optimizer.LearningRate) : Optimizer.LearningRate;
                int start = b * batchSize, count = Math.Min(batchSize, n - start);
                var indices = order.AsSpan(start, count);
                var (x, labels, gradient) = buffers.For(count);
                train.Gather(indices, Ops.Elements(x));
                for (int i = 0; i < count; i++) labels[i] = train.Label(indices[i]);

                var logits = Model.Forward(x);
                double loss = Loss(labels, logits, gradient);
                if (!double.IsFinite(loss))
                {
                    CheckFinite(original); // bad data is not the learning rate's fault
                    throw new TrainingDivergedException(epoch, b + 1, loss);
                }
                int hits = CountCorrect(logits, labels);
                Model.Backward(gradient, inputGradientNeeded: false);
                Optimizer.Step(Model.Parameters, rate);
                averaged?.Update();

                lossSum += loss * count;
                correct += hits;
                history.AddBatch(loss);
                if (Options.OnBatch is { } onBatch)
                {
                    int seen = start + count;
                    onBatch(new BatchProgress(epoch, Options.Epochs, b + 1, batches, loss, hits / (double)count,
                        seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), rate, total.Elapsed));
                }
            }
            double seconds = clock.Elapsed.TotalSeconds;
            var (validationLoss, validationAccuracy) = validation is null ? (double.NaN, double.NaN) : Validate(validation, averaged);
            var result = new EpochResult(epoch, Options.Epochs, lossSum / n, correct / (double)n, validationLoss,
                validationAccuracy, seconds, rate, n / Math.Max(seconds, 1e-9));
            history.AddEpoch(result);
            Options.OnEpoch?.Invoke(result);
        }
        if (averaged is { Averaged: > 0 }) averaged.CopyToParameters();
        return history;
    }

    /// <summary>Evaluates the averaged weights once there are any, else the weights as they are; the weights are restored.</summary>
    private (double Loss, double Accuracy) Validate(IDataSource<T> validation, AveragedWeights<T>? averaged)
    {
        if (averaged is not { Averaged: > 0 }) return Evaluate(validation);
        averaged.Swap();
        try
        {
            return Evaluate(validation);
        }
        finally
        {
            averaged.Swap();
        }
    }

    /// <summary>Mean <see cref="Loss"/> and accuracy on <paramref name="data"/>, in evaluation mode (the mode is restored).</summary>
    public (double Loss, double Accuracy) Evaluate(IDataSource<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) return (double.NaN, double.NaN);
        var buffers = new BatchBuffers(data.Features, data.Classes);
        double lossSum = 0;
        long correct = 0;
        Model.ForEachBatch(data, Options.EvaluationBatchSize, (start, logits) =>
        {
            var (_, labels, gradient) = buffers.For(logits.ColumnCount);
            for (int i = 0; i < labels.Length; i++) labels[i] = data.Label(start + i);
            lossSum += Loss(labels, logits, gradient) * labels.Length;
            correct += CountCorrect(logits, labels);
        });
        return (lossSum / data.Count, correct / (double)data.Count);
    }

    /// <summary>Evaluates on an MNIST set.</summary>
    public (double Loss, double Accuracy) Evaluate(MnistSet data) => Evaluate(DataSource.FromMnist<T>(data));

    private (IDataSource<T> Train, IDataSource<T> Validation) Split(IDataSource<T> data, Rng rng)
    {
        int n = data.Count, held = (int)Math.Round(n * Options.ValidationFraction);
        if (held == 0 || held == n)
            throw new ArgumentException($"Trainer: a validation fraction of {Options.ValidationFraction} of {n} samples leaves an empty set.");
        var all = Enumerable.Range(0, n).ToArray();
        if (Options.ValidationSplit == ValidationSplit.Random) rng.Shuffle(all.AsSpan());
        return (DataSource.Subset(data, all[..(n - held)]), DataSource.Subset(data, all[(n - held)..]));
    }

    /// <summary>Throws naming the sample's index in <paramref name="data"/> when a label is outside [0, Classes).</summary>
    private static void CheckLabels(IDataSource<T> data, string set)
    {
        for (int i = 0; i < data.Count; i++)
            if ((uint)data.Label(i) >= (uint)data.Classes)
                throw new ArgumentException(FormattableString.Invariant(
                    $"Trainer: sample {i} of the {set} set has label {data.Label(i)}, outside [0, {data.Classes})."));
    }

    /// <summary>Throws naming the first sample of <paramref name="data"/> that holds NaN or an infinity.</summary>
    private static void CheckFinite(IDataSource<T> data)
    {
        var column = new T[data.Features];
        for (int i = 0; i < data.Count; i++)
        {
            data.Gather([i], column);
            for (int f = 0; f < column.Length; f++)
                if (!T.IsFinite(column[f]))
                    throw new ArgumentException(FormattableString.Invariant(
                        $"Trainer: sample {i} of the training set holds {column[f]} at feature {f}; the data must be finite numbers."));
        }
    }

    private static int CountCorrect(Matrix<T> logits, ReadOnlySpan<int> labels)
    {
        int hits = 0;
        for (int j = 0; j < labels.Length; j++)
            if (Ops.ArgMax<T>(Ops.Column(logits, j)) == labels[j]) hits++;
        return hits;
    }

    // The full-size batch and the epoch's shorter last batch each keep their own matrices.
    private sealed class BatchBuffers(int features, int classes)
    {
        private readonly Dictionary<int, (Matrix<T> X, int[] Labels, Matrix<T> Gradient)> _bySize = [];

        public (Matrix<T> X, int[] Labels, Matrix<T> Gradient) For(int count)
        {
            if (!_bySize.TryGetValue(count, out var b))
                _bySize[count] = b = (Matrix<T>.Build.Dense(features, count), new int[count], Matrix<T>.Build.Dense(classes, count));
            return b;
        }
    }
}
