using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

/// <summary>Size products that do not fit an array are refused at construction, naming the layer and the sizes.</summary>
public sealed class ShapeArithmeticTests
{
    private static void AssertNames(Exception e, params string[] parts)
    {
        Assert.IsAssignableFrom<ArgumentException>(e);
        foreach (string part in parts) Assert.Contains(part, e.Message);
    }

    [Theory]
    [InlineData(Init.StandardNormal)]
    [InlineData(Init.Zeros)]
    public void Dense_whose_weights_overflow_names_the_layer_and_the_sizes(Init init)
    {
        var e = Record.Exception(() => new Dense<float>(65536, 65536, init, new Rng(1)));
        AssertNames(e, "Dense(65536→65536)", "65536·65536", "4294967296");
    }

    [Fact]
    public void Flatten_whose_size_overflows_is_refused()
    {
        var e = Record.Exception(() => new Flatten<float>((65536, 65536, 1)));
        AssertNames(e, "Flatten", "65536·65536·1", "4294967296");
    }

    [Fact]
    public void Convolutional_whose_rows_overflow_is_refused()
    {
        var e = Record.Exception(() => new Convolutional<float>((1, 70000, 70000), 3, 8, rng: new Rng(1)));
        AssertNames(e, "Convolutional(1x70000x70000", "1·70000·70000", "4900000000");
    }

    [Fact]
    public void MaxPooling_whose_rows_overflow_is_refused()
    {
        var e = Record.Exception(() => new MaxPooling<float>((4, 40000, 40000)));
        AssertNames(e, "MaxPooling(4x40000x40000", "4·40000·40000", "6400000000");
    }

    [Fact]
    public void Padding_that_overflows_the_padded_size_is_refused()
    {
        var e = Record.Exception(() => new Convolutional<float>((1, 28, 28), 3, 8, padding: int.MaxValue, rng: new Rng(1)));
        AssertNames(e, "Convolutional(1x28x28", "2147483647");
    }

    [Fact]
    public void Reshape_whose_size_overflows_names_the_shape()
    {
        var e = Record.Exception(() => new Reshape<float>([65536, 65536], [1]));
        AssertNames(e, "Reshape", "65536·65536", "4294967296");
    }

    [Fact]
    public void Sizes_that_fit_still_build()
    {
        Assert.Equal(46340 * 46340, new Flatten<float>((46340, 46340, 1)).OutputSize);
        Assert.Equal((8, 26, 26), new Convolutional<float>((1, 28, 28), 3, 8, rng: new Rng(1)).OutputShape);
    }
}
