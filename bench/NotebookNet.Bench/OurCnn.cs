using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Bench;

/// <summary>
/// NotebookNet's side of <c>cnn</c>: the case's network from <see cref="Models"/> (float), trained with
/// <see cref="Trainer{T}"/> (softmax cross-entropy, a seeded shuffle per epoch) and the case's optimizer; the time is
/// the trainer's own per-epoch time (the batch loop), the accuracy is measured on the whole test set afterwards.
/// </summary>
public static class OurCnn
{
    public static CnnOutcome Train(CnnCase c, MnistSet train, MnistSet test, CnnSettings settings)
    {
        var rng = new Rng(settings.Seed);
        Sequential<float> model = c.Key switch
        {
            "small" => Models.SmallCnn(rng),
            "lenet" => Models.LeNet5(rng),
            _ => throw new ArgumentException($"No NotebookNet model for case '{c.Key}'."),
        };
        Optimizer<float> optimizer = c.Optimizer switch
        {
            OptimizerKind.SgdMomentum => new Sgd<float>(c.LearningRate, c.Momentum),
            OptimizerKind.Adam => new Adam<float>(c.LearningRate),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
        var trainer = new Trainer<float>(model, optimizer, new TrainerOptions
        {
            Epochs = settings.Epochs,
            BatchSize = c.BatchSize,
            Rng = rng,
        });
        int n = Math.Min(settings.Limit, train.Count);
        var source = DataSource.Subset(DataSource.FromMnist<float>(train), Enumerable.Range(0, n).ToArray());
        var history = trainer.Fit(source);
        var (_, accuracy) = trainer.Evaluate(test);
        return new CnnOutcome("ours", history.TotalSeconds, (long)n * settings.Epochs, accuracy);
    }
}
