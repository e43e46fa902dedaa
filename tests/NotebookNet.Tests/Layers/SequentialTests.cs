using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Kernels;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Tensors;
using NotebookNet.Training;

namespace NotebookNet.Tests.Layers;

public class SequentialTests
{
    private static Sequential<double> Tiny(Rng rng) => new(
        new Convolutional<double>((2, 8, 8), 3, 3, stride: 1, padding: 1, rng: rng),
        new MaxPooling<double>((3, 8, 8)),
        new ReLU<double>(),
        new Convolutional<double>((3, 4, 4), 3, 4, stride: 2, padding: 1, rng: rng),
        new Flatten<double>((4, 2, 2)),
        new Dense<double>(16, 6, Init.HeNormal, rng),
        new Tanh<double>(),
        new Dropout<double>(0.5, rng),
        new Dense<double>(6, 5, Init.GlorotUniform, rng));

    [Fact]
    public void Whole_network_gradients_through_softmax_cross_entropy_match_central_differences()
    {
        var rng = new Rng(41);
        var net = Tiny(rng).Eval();
        var x = GradientCheck.Random(128, 3, rng);
        int[] labels = [4, 0, 2];
        var logits = net.Forward(x);
        var dx = net.Backward(Loss.SoftmaxCrossEntropyPrime<double>(labels, logits)).Clone();
        var grads = net.Parameters.Select(p => p.Gradient.Clone()).ToArray();
        double L() => Loss.SoftmaxCrossEntropy<double>(labels, net.Forward(x));
        GradientCheck.Compare("network ∂L/∂x", x, dx, L);
        for (int k = 0; k < grads.Length; k++)
            GradientCheck.Compare($"parameter {k}", net.Parameters[k].Value, grads[k], L);
    }

    [Fact]
    public void Backward_without_input_gradient_leaves_parameter_gradients_unchanged()
    {
        var rng = new Rng(42);
        var net = Tiny(rng).Eval();
        var x = GradientCheck.Random(128, 2, rng);
        var g = GradientCheck.Random(5, 2, rng);
        net.Forward(x);
        net.Backward(g);
        var expected = net.Parameters.Select(p => p.Gradient.Clone()).ToArray();
        net.Forward(x);
        net.Backward(g, inputGradientNeeded: false);
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], net.Parameters[k].Gradient);
        Assert.True(net[0].InputGradientNeeded);
    }

    [Fact]
    public void Summary_lists_shapes_and_parameter_counts()
    {
        var summary = Models.SmallCnn(new Rng(0)).Summary();
        Assert.Contains("Convolutional(1x28x28 → 8x26x26)", summary);
        Assert.Contains("8x13x13", summary);
        Assert.Contains("16x5x5", summary);
        Assert.Contains("1,168", summary);
        Assert.Contains("Total parameters: 5,258", summary);
        Assert.Equal(5258, Models.SmallCnn(new Rng(0)).ParameterCount);
        Assert.Equal(454922, Models.LeNet5(new Rng(0)).ParameterCount);
    }

    [Fact]
    public void The_reference_recipe_is_LeNet5_with_dropout_and_one_cycle_Adam()
    {
        var model = Models.Reference(new Rng(0));
        Assert.Equal(454922, model.ParameterCount);
        Assert.Contains(model, l => l is Dropout<float> { Rate: Models.ReferenceDropout });
        var trainer = Models.ReferenceTrainer(model, new Rng(1));
        Assert.IsType<NotebookNet.Optimizers.Adam<float>>(trainer.Optimizer);
        Assert.Equal(Models.ReferenceLearningRate, trainer.Optimizer.LearningRate);
        Assert.Equal((Models.ReferenceEpochs, Models.ReferenceBatchSize), (trainer.Options.Epochs, trainer.Options.BatchSize));
        // The peak is reached at the end of the warm-up and the last step is far below it.
        double peakEpoch = 1 + Models.ReferenceWarmUp * Models.ReferenceEpochs;
        Assert.Equal(1e-3, trainer.Options.Schedule!(peakEpoch, 1e-3), 1e-15);
        Assert.True(trainer.Options.Schedule!(Models.ReferenceEpochs + 0.999, 1e-3) < 1e-5);
    }

    [Fact]
    public void Predict_is_batched_in_evaluation_mode_and_restores_the_mode()
    {
        var rng = new Rng(43);
        var net = Tiny(rng);
        var x = GradientCheck.Random(128, 7, rng);
        var all = net.Predict(x);
        var batched = net.PredictBatched(x, batchSize: 3);
        Assert.True(net.IsTraining);
        Assert.True((all - batched).Enumerate().All(v => Math.Abs(v) < 1e-12));
        // Evaluation mode: dropout off, so the same input gives the same output.
        Assert.Equal(all, net.Predict(x));
        Assert.NotSame(all, net.Predict(x));
    }

    [Fact]
    public void Predict_over_a_data_source_is_Predict_over_its_columns()
    {
        var rng = new Rng(45);
        var net = Tiny(rng);
        var x = GradientCheck.Random(128, 7, rng);
        var source = DataSource.FromMatrix(x, [0, 1, 2, 3, 4, 0, 1], classes: 5);
        Assert.Equal(net.Predict(x), net.Predict(source, batchSize: 2));
        Assert.True(net.IsTraining);
    }

    [Fact]
    public void It_is_the_tutorials_list_of_layers()
    {
        var rng = new Rng(44);
        var net = new Sequential<double>(new Dense<double>(2, 3, rng: rng), new Tanh<double>(), new Dense<double>(3, 1, rng: rng), new Tanh<double>());
        IReadOnlyList<Layer<double>> layers = net;
        var x = Matrix<double>.Build.Dense(2, 1, [1, 0]);
        Assert.Equal(net.Predict(x)[0, 0], Tutorial.Predict(layers, x)[0, 0], 1e-15);
        var xs = new[] { Matrix<double>.Build.Dense(2, 1, [0, 0]), Matrix<double>.Build.Dense(2, 1, [0, 1]), Matrix<double>.Build.Dense(2, 1, [1, 0]), Matrix<double>.Build.Dense(2, 1, [1, 1]) };
        var ys = new[] { 0.0, 1, 1, 0 }.Select(v => Matrix<double>.Build.Dense(1, 1, v)).ToArray();
        var errors = Tutorial.Train(net, Loss.Mse, Loss.MsePrime, xs, ys, epochs: 200, learningRate: 0.1, verbose: false);
        Assert.True(errors[^1] < errors[0]);
    }

    [Fact]
    public void A_CNN_trains_the_tutorials_way_one_sample_at_a_time()
    {
        var rng = new Rng(46);
        var data = NotebookNet.Tests.Training.Synthetic.Bars<double>(60, rng);
        var xs = new List<Matrix<double>>();
        var ys = new List<Matrix<double>>();
        var buffer = new double[64];
        for (int i = 0; i < data.Count; i++)
        {
            data.Gather([i], buffer);
            xs.Add(Matrix<double>.Build.Dense(64, 1, (double[])buffer.Clone()));
            var y = Matrix<double>.Build.Dense(3, 1);
            y[data.Label(i), 0] = 1;
            ys.Add(y);
        }
        var net = NotebookNet.Tests.Training.Synthetic.Cnn<double>(rng);
        var errors = Tutorial.Train(net, Loss.SoftmaxCrossEntropy, Loss.SoftmaxCrossEntropyPrime, xs, ys,
            epochs: 5, learningRate: 0.05, verbose: false);
        Assert.True(errors[^1] < errors[0] / 2, string.Join(", ", errors));
    }

    [Fact]
    public void Train_and_Eval_switch_every_layer()
    {
        var net = Tiny(new Rng(45));
        net.Eval();
        Assert.All(net, l => Assert.False(l.IsTraining));
        net.Train();
        Assert.All(net, l => Assert.True(l.IsTraining));
    }

    [Fact]
    public void A_shape_error_inside_a_network_names_the_layer()
    {
        var net = new Sequential<float>(new Convolutional<float>((1, 28, 28), 3, 8, new Rng(0)), new Flatten<float>((8, 25, 25)));
        var ex = Assert.Throws<ShapeMismatchException>(() => net.Forward(Matrix<float>.Build.Dense(784, 2)));
        Assert.Contains("Flatten(8x25x25 → 5000)", ex.Message);
        Assert.Contains("5408x2", ex.Message);
    }
}
