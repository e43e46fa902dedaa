using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

/// <summary>The buffer-ownership rule stated on <see cref="Layer{T}"/>, checked on every layer of the library.</summary>
public class BufferRuleTests
{
    public static TheoryData<string> LayerNames => [.. Layers(new Rng(0)).Select(l => l.Name)];

    private static IEnumerable<Layer<double>> Layers(Rng rng) =>
    [
        new Dense<double>(12, 5, rng: rng),
        new Convolutional<double>((3, 2, 2), 2, 4, rng),
        new MaxPooling<double>((3, 2, 2)),
        new ReLU<double>(),
        new Tanh<double>(),
        new Sigmoid<double>(),
        new Softmax<double>(),
        new Dropout<double>(0.5, rng),
        new Flatten<double>((3, 2, 2)),
    ];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void A_layer_reuses_its_results_for_one_batch_size_and_never_changes_what_it_is_given(string name)
    {
        var rng = new Rng(7);
        var layer = Layers(rng).Single(l => l.Name == name);
        var x = GradientCheck.Random(12, 3, rng);
        var xCopy = x.Clone();
        var y = layer.Forward(x);
        var g = GradientCheck.Random(y.RowCount, y.ColumnCount, rng);
        var gCopy = g.Clone();
        var dx = layer.Backward(g);
        Assert.Equal(xCopy, x);
        Assert.Equal(gCopy, g);

        var y2 = layer.Forward(GradientCheck.Random(12, 3, rng));
        var dx2 = layer.Backward(GradientCheck.Random(y.RowCount, y.ColumnCount, rng));
        bool shapeOnly = layer is Flatten<double>;
        Assert.True(shapeOnly || ReferenceEquals(y, y2), $"{name}: Forward allocated a new output for the same batch size");
        Assert.True(shapeOnly || ReferenceEquals(dx, dx2), $"{name}: Backward allocated a new input gradient for the same batch size");

        // Another batch size gets matrices of its own shape.
        var y3 = layer.Forward(GradientCheck.Random(12, 2, rng));
        Assert.Equal(2, y3.ColumnCount);
    }
}
