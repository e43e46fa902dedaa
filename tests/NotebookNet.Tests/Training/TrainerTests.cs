using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

public class TrainerTests
{
    [Fact]
    public void A_float_CNN_lowers_the_loss_and_learns_the_bars()
    {
        var rng = new Rng(1);
        var data = Synthetic.Bars<float>(600, rng);
        var model = Synthetic.Cnn<float>(rng);
        var trainer = new Trainer<float>(model, new Adam<float>(0.01), new TrainerOptions
        {
            Epochs = 8, BatchSize = 32, Rng = new Rng(2), ValidationFraction = 0.2,
        });
        var history = trainer.Fit(data);
        Assert.Equal(8, history.Epochs.Count);
        Assert.True(history.TrainLoss[^1] < history.TrainLoss[0] / 2, history.ToString());
        Assert.True(history.ValidationAccuracy[^1] > 0.95, history.ToString());
        Assert.Equal(8 * 15, history.BatchLosses.Count);
    }

    [Fact]
    public void Same_seeds_give_identical_weights_and_a_different_seed_does_not()
    {
        float[][] Train(uint modelSeed, uint shuffleSeed)
        {
            var model = Synthetic.Cnn<float>(new Rng(modelSeed));
            new Trainer<float>(model, new Sgd<float>(0.05, momentum: 0.9), new TrainerOptions
            {
                Epochs = 2, BatchSize = 16, Rng = new Rng(shuffleSeed),
            }).Fit(Synthetic.Bars<float>(200, new Rng(5)));
            return [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())];
        }

        var a = Train(1, 2);
        var b = Train(1, 2);
        Assert.Equal(a, b);
        Assert.NotEqual(a, Train(3, 2));
        Assert.NotEqual(a, Train(1, 4));
    }

    [Fact]
    public void Without_a_generator_each_trainer_draws_from_its_own_so_other_training_cannot_change_its_batches()
    {
        float[][] Train()
        {
            var model = Synthetic.Cnn<float>(new Rng(1));
            new Trainer<float>(model, new Sgd<float>(0.05), new TrainerOptions { Epochs = 2, BatchSize = 16 })
                .Fit(Synthetic.Bars<float>(100, new Rng(5)));
            return [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())];
        }

        var first = Train();
        Rng.Shared.NextUInt32(); // a draw from the shared generator, as the tutorial's cells make
        new Trainer<float>(Synthetic.Cnn<float>(new Rng(2)), new Sgd<float>(0.05), new TrainerOptions { Epochs = 1, BatchSize = 8 })
            .Fit(Synthetic.Bars<float>(50, new Rng(6)));
        Assert.Equal(first, Train());
    }

    [Fact]
    public void A_NaN_loss_stops_training_naming_the_epoch_and_batch()
    {
        // The 7th batch drawn (epoch 2, batch 3 of 4) contains NaN.
        var source = new PoisonedSource(Synthetic.Bars<double>(32, new Rng(1)), poisonedGather: 7);
        var model = new Sequential<double>(new Dense<double>(64, 3, rng: new Rng(0)));
        var trainer = new Trainer<double>(model, new Sgd<double>(0.1), new TrainerOptions { Epochs = 3, BatchSize = 8 });
        var ex = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(source));
        Assert.Equal(2, ex.Epoch);
        Assert.Equal(3, ex.Batch);
        Assert.Contains("epoch 2, batch 3", ex.Message);
        Assert.Contains("NaN", ex.Message);
    }

    [Fact]
    public void Callbacks_report_every_batch_and_epoch_and_the_schedule_scales_the_rate_without_changing_it()
    {
        var batches = new List<BatchProgress>();
        var epochs = new List<EpochResult>();
        var optimizer = new Sgd<double>(0.1);
        var trainer = new Trainer<double>(Synthetic.Cnn<double>(new Rng(1)), optimizer, new TrainerOptions
        {
            Epochs = 3, BatchSize = 40, Rng = new Rng(3), Schedule = Schedules.Step(1, 0.5),
            OnBatch = batches.Add, OnEpoch = epochs.Add,
        });
        var history = trainer.Fit(Synthetic.Bars<double>(100, new Rng(2)), Synthetic.Bars<double>(30, new Rng(4)));
        Assert.Equal(9, batches.Count);
        Assert.Equal((1, 1, 3), (batches[0].Epoch, batches[0].Batch, batches[0].BatchesPerEpoch));
        Assert.Equal((3, 3), (batches[^1].Epoch, batches[^1].Batch));
        Assert.Equal(1.0, batches[^1].Progress, 1e-12);
        Assert.All(batches, b => Assert.True(b.ImagesPerSecond > 0 && double.IsFinite(b.Loss) && b.Accuracy is >= 0 and <= 1));
        Assert.Equal([0.1, 0.05, 0.025], epochs.Select(e => e.LearningRate));
        Assert.All(epochs, e => Assert.True(e.HasValidation));
        Assert.Equal(history.Epochs, epochs);
        Assert.Equal(0.1, optimizer.LearningRate);

        // A second Fit starts the schedule from the same base rate again.
        epochs.Clear();
        trainer.Fit(Synthetic.Bars<double>(100, new Rng(2)), Synthetic.Bars<double>(30, new Rng(4)));
        Assert.Equal([0.1, 0.05, 0.025], epochs.Select(e => e.LearningRate));
    }

    [Fact]
    public void The_loss_is_a_parameter_and_its_gradient_drives_the_steps()
    {
        // A loss with zero gradient leaves every weight where it was, and Evaluate reports that loss.
        var model = Synthetic.Cnn<double>(new Rng(1));
        double[][] before = [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())];
        ClassificationLoss<double> flat = (labels, outputs, gradient) =>
        {
            gradient.Clear();
            return 42;
        };
        var trainer = new Trainer<double>(model, new Sgd<double>(0.1), new TrainerOptions { Epochs = 2, BatchSize = 10, Rng = new Rng(3) }, flat);
        var history = trainer.Fit(Synthetic.Bars<double>(40, new Rng(2)));
        Assert.Equal(before, model.Parameters.Select(p => p.Value.ToColumnMajorArray()));
        Assert.All(history.TrainLoss, l => Assert.Equal(42, l, 12));
        Assert.Equal(42, trainer.Evaluate(Synthetic.Bars<double>(15, new Rng(5))).Loss, 12);

        // The default is softmax cross-entropy: the same numbers as passing it explicitly.
        double Trained(ClassificationLoss<double>? loss)
        {
            var m = Synthetic.Cnn<double>(new Rng(1));
            var t = new Trainer<double>(m, new Sgd<double>(0.1), new TrainerOptions { Epochs = 1, BatchSize = 10, Rng = new Rng(3) }, loss);
            t.Fit(Synthetic.Bars<double>(40, new Rng(2)));
            return t.Evaluate(Synthetic.Bars<double>(15, new Rng(5))).Loss;
        }
        Assert.Equal(Trained(null), Trained(Loss.SoftmaxCrossEntropy<double>));
    }

    [Fact]
    public void Shift_augmentation_moves_training_images_only_and_follows_the_seed()
    {
        var data = Synthetic.Bars<double>(60, new Rng(1));
        (History History, double Validation) Run(ShiftAugmentation? shift, uint seed)
        {
            var trainer = new Trainer<double>(Synthetic.Cnn<double>(new Rng(0)), new Sgd<double>(0.05), new TrainerOptions
            {
                Epochs = 2, BatchSize = 20, Rng = new Rng(seed), ValidationFraction = 0.25, Shift = shift,
            });
            var history = trainer.Fit(data);
            // The last quarter of the samples, unshifted: what the trainer must have validated on.
            var held = DataSource.Subset(data, Enumerable.Range(45, 15).ToArray());
            return (history, trainer.Evaluate(held).Loss);
        }
        var shift = new ShiftAugmentation((1, 8, 8), 2);
        var (shifted, validation) = Run(shift, 3);
        Assert.Equal(validation, shifted.ValidationLoss[^1], 12);
        Assert.Equal(shifted.TrainLoss, Run(shift, 3).History.TrainLoss);
        Assert.NotEqual(shifted.TrainLoss, Run(null, 3).History.TrainLoss);
    }

    [Fact]
    public void A_random_validation_split_is_seeded()
    {
        var data = Synthetic.Bars<double>(50, new Rng(1));
        double Run(uint seed)
        {
            var trainer = new Trainer<double>(Synthetic.Cnn<double>(new Rng(0)), new Sgd<double>(0.0), new TrainerOptions
            {
                Epochs = 1, BatchSize = 50, Rng = new Rng(seed), ValidationFraction = 0.5, ValidationSplit = ValidationSplit.Random,
            });
            return trainer.Fit(data).ValidationLoss[0];
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void Schedules_follow_their_formulas()
    {
        Assert.Equal(0.1, Schedules.Step(2, 0.1)(2, 0.1), 1e-15);
        Assert.Equal(0.01, Schedules.Step(2, 0.1)(3, 0.1), 1e-15);
        Assert.Equal(0.1 * 0.9 * 0.9, Schedules.Exponential(0.9)(3, 0.1), 1e-15);
        Assert.Equal(0.1, Schedules.Cosine(4)(1, 0.1), 1e-15);
        Assert.Equal(0.05, Schedules.Cosine(4)(3, 0.1), 1e-15);
        // The per-epoch schedules hold their value through the epoch.
        Assert.Equal(Schedules.Exponential(0.9)(3, 0.1), Schedules.Exponential(0.9)(3.99, 0.1));
        Assert.Equal(Schedules.Step(2, 0.1)(2, 0.1), Schedules.Step(2, 0.1)(2.5, 0.1));
        Assert.Equal(Schedules.Cosine(4)(3, 0.1), Schedules.Cosine(4)(3.5, 0.1));
    }

    [Fact]
    public void One_cycle_rises_from_a_25th_to_the_peak_during_the_warm_up_then_falls_to_a_10000th()
    {
        var cycle = Schedules.OneCycle(epochs: 4, warmUpFraction: 0.25);
        Assert.Equal(0.1 / 25, cycle(1, 0.1), 1e-15);                       // first step
        Assert.Equal((0.1 + 0.1 / 25) / 2, cycle(1.5, 0.1), 1e-15);         // half the warm-up: halfway, on a cosine
        Assert.Equal(0.1, cycle(2, 0.1), 1e-15);                            // the peak after a quarter of 4 epochs
        Assert.Equal((0.1 + 0.1 / 1e4) / 2, cycle(3.5, 0.1), 1e-15);        // half the fall
        Assert.Equal(0.1 / 1e4, cycle(5, 0.1), 1e-15);                      // the end of the last epoch
        var rates = Enumerable.Range(0, 401).Select(i => cycle(1 + i / 100.0, 0.1)).ToArray();
        for (int i = 1; i < rates.Length; i++)
            Assert.True(i <= 100 ? rates[i] > rates[i - 1] : rates[i] < rates[i - 1], $"step {i}");
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedules.OneCycle(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedules.OneCycle(4, warmUpFraction: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Schedules.OneCycle(4, startDivisor: 0.5));
    }

    [Fact]
    public void The_schedule_is_read_at_every_step_with_the_fraction_of_the_epoch_done()
    {
        var seen = new List<double>();
        var trainer = new Trainer<double>(Synthetic.Cnn<double>(new Rng(1)), new Sgd<double>(0.1), new TrainerOptions
        {
            Epochs = 2, BatchSize = 25, Rng = new Rng(3), Schedule = (epoch, lr) => { seen.Add(epoch); return lr; },
        });
        trainer.Fit(Synthetic.Bars<double>(100, new Rng(2)));
        Assert.Equal([1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75], seen);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        var model = Synthetic.Cnn<double>(new Rng(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<double>(model, new Sgd<double>(0.1), new TrainerOptions { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer<double>(model, new Sgd<double>(0.1), new TrainerOptions { ValidationFraction = 1 }));
    }

    private sealed class PoisonedSource(IDataSource<double> inner, int poisonedGather) : IDataSource<double>
    {
        private int _gathers;
        public int Count => inner.Count;
        public int Features => inner.Features;
        public int Classes => inner.Classes;
        public int Label(int index) => inner.Label(index);

        public void Gather(ReadOnlySpan<int> indices, Span<double> destination)
        {
            inner.Gather(indices, destination);
            if (++_gathers == poisonedGather) destination[5] = double.NaN;
        }
    }
}
