using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

public class WeightAveragingTests
{
    private static Parameter<double> Weights(params double[] values) =>
        new("weights", Matrix<double>.Build.Dense(values.Length, 1, values));

    [Fact]
    public void The_mean_and_the_moving_average_of_two_steps_are_what_the_hand_gives()
    {
        var p = Weights(1, -2);
        // 4 steps in all, start at half: steps 1 and 2 are not averaged, steps 3 and 4 are.
        var mean = new AveragedWeights<double>([p], WeightAveraging.Uniform(0.5), totalSteps: 4);
        var moving = new AveragedWeights<double>([p], WeightAveraging.Exponential(0.9, 0.5), totalSteps: 4);
        double[][] after = [[1, -2], [3, 0], [5, 4], [9, -4]];
        foreach (var values in after)
        {
            values.CopyTo(p.Value.AsColumnMajorArray(), 0);
            mean.Update();
            moving.Update();
        }
        Assert.Equal((2, 2), (mean.Averaged, moving.Averaged));
        Assert.Equal(63, new WeightAveraging(0.7).StepsBefore(90)); // 0.7 · 90 is 62.99999999999999 in binary
        mean.CopyToParameters();
        Assert.Equal([7, 0], p.Value.ToColumnMajorArray()); // (5 + 9) / 2, (4 − 4) / 2
        moving.CopyToParameters();
        // w̄ = 0.9·(5, 4) + 0.1·(9, −4) = (5.4, 3.2)
        Assert.Equal(5.4, p.Value[0, 0], 1e-14);
        Assert.Equal(3.2, p.Value[1, 0], 1e-14);
    }

    [Fact]
    public void Swapping_twice_gives_back_the_parameters_and_the_average()
    {
        var p = Weights(1, 2, 3);
        var averaged = new AveragedWeights<double>([p], WeightAveraging.Uniform(0), totalSteps: 1);
        averaged.Update();
        p.Value[0, 0] = 10;
        averaged.Swap();
        Assert.Equal([1, 2, 3], p.Value.ToColumnMajorArray());
        averaged.Swap();
        Assert.Equal([10, 2, 3], p.Value.ToColumnMajorArray());
    }

    [Fact]
    public void The_vector_path_gives_the_same_bits_as_one_element_at_a_time()
    {
        var rng = new Rng(3);
        // 37 elements: whole vectors and a tail, whatever the machine's vector width.
        float[] w = [.. Enumerable.Range(0, 37).Select(_ => (float)rng.NextGaussian())];
        float[] average = [.. Enumerable.Range(0, 37).Select(_ => (float)rng.NextGaussian())];
        float rate = 1 / 3f;
        float[] expected = [.. average.Select((a, j) => a + rate * (w[j] - a))];
        AveragedWeights<float>.MoveTowards(average, w, rate);
        Assert.Equal(expected, average);
    }

    [Fact]
    public void Fit_ends_on_the_mean_of_the_weights_after_each_step_from_the_start_on()
    {
        var rng = new Rng(1);
        var data = Synthetic.Bars<double>(96, rng);
        var model = Synthetic.Cnn<double>(rng);
        var steps = new List<double[][]>();
        var trainer = new Trainer<double>(model, new Sgd<double>(0.05, momentum: 0.9), new TrainerOptions
        {
            Epochs = 2, BatchSize = 16, Rng = new Rng(2), ValidationFraction = 1 / 6.0,
            WeightAveraging = WeightAveraging.Uniform(0.7),
            OnBatch = _ => steps.Add([.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())]),
        });
        var history = trainer.Fit(data);

        // 80 training samples: 5 batches an epoch, 10 steps; 0.7 of 10 leaves the last 3 averaged.
        Assert.Equal(10, steps.Count);
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            var value = model.Parameters[i].Value.ToColumnMajorArray();
            for (int j = 0; j < value.Length; j++)
                Assert.Equal((steps[7][i][j] + steps[8][i][j] + steps[9][i][j]) / 3, value[j], 1e-12);
        }
        // The last epoch was validated on the average, which the network now holds.
        var (loss, accuracy) = trainer.Evaluate(DataSourceTail(data, 16));
        Assert.Equal(history.ValidationLoss[^1], loss);
        Assert.Equal(history.ValidationAccuracy[^1], accuracy);
    }

    [Fact]
    public void Validation_measures_the_raw_weights_before_the_start_and_the_average_after_and_training_goes_on_from_the_raw_ones()
    {
        var rng = new Rng(1);
        var data = Synthetic.Bars<double>(96, rng);
        var model = Synthetic.Cnn<double>(rng);
        var validation = DataSourceTail(data, 16);
        double[][]? lastStep = null;
        var atEpochEnd = new List<(double[][] Weights, double RawLoss)>();
        Trainer<double>? trainer = null;
        trainer = new Trainer<double>(model, new Sgd<double>(0.05, momentum: 0.9), new TrainerOptions
        {
            Epochs = 3, BatchSize = 16, Rng = new Rng(2), ValidationFraction = 1 / 6.0,
            WeightAveraging = WeightAveraging.Exponential(0.5, 0.5),
            OnBatch = _ => lastStep = [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())],
            OnEpoch = _ => atEpochEnd.Add(([.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())], trainer!.Evaluate(validation).Loss)),
        });
        var history = trainer.Fit(data);

        // 15 steps, 7.5 of them (rounded to 8) before the average, so the last 7 averaged (from step 9, in epoch 2): epoch 1 is validated on its own weights, epochs 2
        // and 3 on the average, which differs from the raw weights; after each validation the raw weights are back.
        Assert.Equal(atEpochEnd[0].RawLoss, history.ValidationLoss[0]);
        Assert.NotEqual(atEpochEnd[1].RawLoss, history.ValidationLoss[1]);
        Assert.NotEqual(atEpochEnd[2].RawLoss, history.ValidationLoss[2]);
        Assert.Equal(lastStep, atEpochEnd[2].Weights);
        Assert.NotEqual(lastStep, [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())]);
    }

    [Fact]
    public void Same_seeds_give_identical_averaged_weights()
    {
        double[][] Train()
        {
            var model = Synthetic.Cnn<float>(new Rng(1));
            new Trainer<float>(model, new Adam<float>(0.01), new TrainerOptions
            {
                Epochs = 2, BatchSize = 16, Rng = new Rng(2), WeightAveraging = WeightAveraging.Exponential(0.9, 0.25),
            }).Fit(Synthetic.Bars<float>(200, new Rng(5)));
            return [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray().Select(v => (double)v).ToArray())];
        }

        Assert.Equal(Train(), Train());
    }

    [Theory]
    [InlineData(-0.1, null, "StartFraction")]
    [InlineData(1.0, null, "StartFraction")]
    [InlineData(0.5, 0.0, "Decay")]
    [InlineData(0.5, 1.0, "Decay")]
    [InlineData(double.NaN, null, "StartFraction")]
    public void Bad_settings_are_refused_naming_the_setting(double start, double? decay, string name)
    {
        var options = new TrainerOptions { WeightAveraging = new WeightAveraging(start, decay) };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer<double>(Synthetic.Cnn<double>(new Rng(0)), new Sgd<double>(0.1), options));
        Assert.Equal(name, ex.ParamName);
        Assert.Contains("WeightAveraging", ex.Message);
    }

    // The last `count` samples: what ValidationFraction (split Last) holds out.
    private static IDataSource<double> DataSourceTail(IDataSource<double> data, int count) =>
        DataSource.Subset(data, Enumerable.Range(data.Count - count, count).ToArray());
}
