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
/// Mini-batch training of a classifier with softmax cross-entropy on its logits: each epoch shuffles the training
/// samples (seeded), and for each batch runs forward, loss and gradient, backward and one optimizer step;
/// then measures the validation set in evaluation mode. Batch buffers are reused from batch to batch.
/// </summary>
public sealed class Trainer<T> where T : struct, IFloatingPointIeee754<T>
{
    public Trainer(Sequential<T> model, Optimizer<T> optimizer, TrainerOptions? options = null)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
        Options = options ?? new TrainerOptions();
        Options.Validate();
    }

    public Sequential<T> Model { get; }
    public Optimizer<T> Optimizer { get; }
    public TrainerOptions Options { get; }

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
        var rng = Options.Rng ?? Rng.Shared;
        if (validation is null && Options.ValidationFraction > 0) (train, validation) = Split(train, rng);
        if (Options.Shift is { } shift) train = DataSource.Shifted(train, shift.ImageShape, shift.MaxPixels, rng);
        if (train.Count == 0) throw new ArgumentException("Trainer: the training set is empty.", nameof(train));
        if (validation is not null && validation.Features != train.Features)
            throw new ArgumentException($"Trainer: training samples have {train.Features} rows but validation samples {validation.Features}.");

        var history = new History();
        int n = train.Count, batchSize = Math.Min(Options.BatchSize, n), batches = (n + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var buffers = new BatchBuffers(train.Features, train.Classes);
        double initialRate = Optimizer.LearningRate;
        var total = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            if (Options.Schedule is { } schedule) Optimizer.LearningRate = schedule(epoch, initialRate);
            if (Options.Shuffle) rng.Shuffle(order.AsSpan());
            Model.Train();
            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            long correct = 0;
            for (int b = 0; b < batches; b++)
            {
                Options.CancellationToken.ThrowIfCancellationRequested();
                int start = b * batchSize, count = Math.Min(batchSize, n - start);
                var indices = order.AsSpan(start, count);
                var (x, labels, gradient) = buffers.For(count);
                train.Gather(indices, MatrixData.Of(x));
                for (int i = 0; i < count; i++) labels[i] = train.Label(indices[i]);

                var logits = Model.Forward(x);
                double loss = Loss.SoftmaxCrossEntropy<T>(labels, logits, gradient);
                if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch, b + 1, loss);
                int hits = CountCorrect(logits, labels);
                Model.Backward(gradient, inputGradientNeeded: false);
                Optimizer.Step(Model.Parameters);

                lossSum += loss * count;
                correct += hits;
                history.AddBatch(loss);
                if (Options.OnBatch is { } onBatch)
                {
                    int seen = start + count;
                    onBatch(new BatchProgress(epoch, Options.Epochs, b + 1, batches, loss, hits / (double)count,
                        seen / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), Optimizer.LearningRate, total.Elapsed));
                }
            }
            double seconds = clock.Elapsed.TotalSeconds;
            var (validationLoss, validationAccuracy) = validation is null ? (double.NaN, double.NaN) : Evaluate(validation);
            var result = new EpochResult(epoch, Options.Epochs, lossSum / n, correct / (double)n, validationLoss,
                validationAccuracy, seconds, Optimizer.LearningRate, n / Math.Max(seconds, 1e-9));
            history.AddEpoch(result);
            Options.OnEpoch?.Invoke(result);
        }
        return history;
    }

    /// <summary>Mean softmax cross-entropy and accuracy on <paramref name="data"/>, in evaluation mode (the mode is restored).</summary>
    public (double Loss, double Accuracy) Evaluate(IDataSource<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) return (double.NaN, double.NaN);
        bool wasTraining = Model.IsTraining;
        Model.Eval();
        try
        {
            int n = data.Count, batchSize = Math.Min(Options.EvaluationBatchSize, n);
            var buffers = new BatchBuffers(data.Features, data.Classes);
            var indices = new int[batchSize];
            double lossSum = 0;
            long correct = 0;
            for (int start = 0; start < n; start += batchSize)
            {
                int count = Math.Min(batchSize, n - start);
                var span = indices.AsSpan(0, count);
                for (int i = 0; i < count; i++) span[i] = start + i;
                var (x, labels, _) = buffers.For(count);
                data.Gather(span, MatrixData.Of(x));
                for (int i = 0; i < count; i++) labels[i] = data.Label(start + i);
                var logits = Model.Forward(x);
                lossSum += Loss.SoftmaxCrossEntropy<T>(labels, logits) * count;
                correct += CountCorrect(logits, labels);
            }
            return (lossSum / n, correct / (double)n);
        }
        finally
        {
            Model.IsTraining = wasTraining;
        }
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

    private static int CountCorrect(Matrix<T> logits, ReadOnlySpan<int> labels)
    {
        int rows = logits.RowCount, hits = 0;
        var z = MatrixData.Of(logits);
        for (int j = 0; j < labels.Length; j++)
        {
            var column = z.AsSpan(j * rows, rows);
            int best = 0;
            for (int i = 1; i < rows; i++)
                if (column[i] > column[best]) best = i;
            if (best == labels[j]) hits++;
        }
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
