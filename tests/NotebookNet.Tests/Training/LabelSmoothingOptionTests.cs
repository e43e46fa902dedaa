using NotebookNet.Losses;
using NotebookNet.Optimizers;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

public class LabelSmoothingOptionTests
{
    private static float[][] Train(TrainerOptions options, ClassificationLoss<float>? loss = null)
    {
        var model = Synthetic.Cnn<float>(new Rng(1));
        new Trainer<float>(model, new Adam<float>(0.01), options with { Epochs = 2, BatchSize = 16, Rng = new Rng(2) }, loss)
            .Fit(Synthetic.Bars<float>(120, new Rng(5)));
        return [.. model.Parameters.Select(p => p.Value.ToColumnMajorArray())];
    }

    [Fact]
    public void The_option_trains_with_the_smoothed_loss_and_zero_is_the_plain_one()
    {
        var smoothed = Train(new TrainerOptions { LabelSmoothing = 0.1 });
        Assert.Equal(Train(new TrainerOptions(), Loss.SmoothedSoftmaxCrossEntropy<float>(0.1)), smoothed);
        Assert.Equal(Train(new TrainerOptions(), Loss.SoftmaxCrossEntropy<float>), Train(new TrainerOptions()));
        Assert.NotEqual(Train(new TrainerOptions()), smoothed);
    }

    [Fact]
    public void A_loss_of_one_s_own_with_label_smoothing_is_refused_and_so_is_a_share_outside_0_to_1()
    {
        var model = Synthetic.Cnn<double>(new Rng(0));
        var ex = Assert.Throws<ArgumentException>(() => new Trainer<double>(model, new Sgd<double>(0.1),
            new TrainerOptions { LabelSmoothing = 0.1 }, Loss.SoftmaxCrossEntropy<double>));
        Assert.Contains("label smoothing 0.1", ex.Message);
        foreach (double bad in new[] { -0.1, 1.0, double.NaN })
        {
            var range = Assert.Throws<ArgumentOutOfRangeException>(() =>
                new Trainer<double>(model, new Sgd<double>(0.1), new TrainerOptions { LabelSmoothing = bad }));
            Assert.Equal("LabelSmoothing", range.ParamName);
        }
    }
}
