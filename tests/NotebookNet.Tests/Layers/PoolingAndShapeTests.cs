using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Layers;

namespace NotebookNet.Tests.Layers;

public class PoolingAndShapeTests
{
    [Fact]
    public void Max_pooling_keeps_the_largest_of_each_window_and_routes_the_gradient_to_it()
    {
        // One 1x4x4 image, row by row.
        var x = Matrix<double>.Build.Dense(16, 1, [
            1, 5, 2, 0,
            3, 4, 8, 7,
            -1, -2, 6, 6.5,
            -3, -0.5, 9, 1]);
        var pool = new MaxPooling<double>((1, 4, 4));
        var y = pool.Forward(x);
        Assert.Equal([5, 8, -0.5, 9], y.Column(0).ToArray());
        var dx = pool.Backward(Matrix<double>.Build.Dense(4, 1, [10, 20, 30, 40]));
        Assert.Equal([0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 30, 40, 0], dx.Column(0).ToArray());
    }

    // Widths that exercise whole vectors, an overlapping last vector and rows shorter than a vector, in float.
    [Theory]
    [InlineData(8, 26, 26)]
    [InlineData(16, 11, 11)]
    [InlineData(4, 9, 9)]
    [InlineData(5, 13, 12)]
    [InlineData(32, 28, 28)]
    [InlineData(64, 14, 14)]
    [InlineData(3, 7, 7)]
    [InlineData(2, 5, 3)]
    public void Float_2x2_pooling_matches_the_definition(int c, int h, int w)
    {
        var rng = new Rng(14);
        var x = Matrix<float>.Build.Dense(c * h * w, 3, (_, _) => (float)rng.NextGaussian());
        var pool = new MaxPooling<float>((c, h, w));
        var y = pool.Forward(x);
        var (_, oh, ow) = pool.OutputShape;
        var dy = Matrix<float>.Build.Dense(c * oh * ow, 3, (i, j) => i + 1000 * j);
        var dx = pool.Backward(dy);
        for (int n = 0; n < 3; n++)
            for (int ch = 0; ch < c; ch++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        int best = -1;
                        for (int ki = 0; ki < 2; ki++)
                            for (int kj = 0; kj < 2; kj++)
                            {
                                int i = (ch * h + 2 * oy + ki) * w + 2 * ox + kj;
                                if (best < 0 || x[i, n] > x[best, n]) best = i;
                            }
                        int o = (ch * oh + oy) * ow + ox;
                        Assert.Equal(x[best, n], y[o, n]);
                        Assert.Equal(dy[o, n], dx[best, n]);
                    }
        Assert.Equal(dy.Enumerate().Sum(v => (double)v), dx.Enumerate().Sum(v => (double)v), 1e-3);
    }

    [Fact]
    public void Max_pooling_gradients_match_central_differences()
    {
        var rng = new Rng(11);
        GradientCheck.Layer(new MaxPooling<double>((3, 6, 6)), GradientCheck.Random(108, 2, rng), rng);
    }

    [Fact]
    public void Overlapping_max_pooling_gradients_match_central_differences()
    {
        var rng = new Rng(12);
        var pool = new MaxPooling<double>((2, 7, 7), size: 3, stride: 2);
        Assert.Equal((2, 3, 3), pool.OutputShape);
        GradientCheck.Layer(pool, GradientCheck.Random(98, 3, rng), rng);
    }

    [Fact]
    public void Max_pooling_floors_odd_sizes_like_PyTorch()
    {
        Assert.Equal((16, 5, 5), new MaxPooling<float>((16, 11, 11)).OutputShape);
        Assert.Equal((8, 13, 13), new MaxPooling<float>((8, 26, 26)).OutputShape);
    }

    [Fact]
    public void Max_pooling_lets_NaN_through_so_the_loss_shows_it()
    {
        var x = Matrix<double>.Build.Dense(4, 1, [1, double.NaN, 2, 3]);
        Assert.True(double.IsNaN(new MaxPooling<double>((1, 2, 2)).Forward(x)[0, 0]));
        // Each corner of a window, in the vectorised float paths (rows of 26, and of 11 for the narrow one).
        foreach (var (size, at) in new[] { (26, 0), (26, 1), (26, 26), (26, 27), (26, 26 * 26 - 1), (11, 0), (11, 1), (11, 11), (11, 12), (11, 9 * 11 + 9) })
        {
            var xf = Matrix<float>.Build.Dense(size * size, 1, (i, _) => i % 7);
            xf[at, 0] = float.NaN;
            var y = new MaxPooling<float>((1, size, size)).Forward(xf);
            Assert.Equal(1, y.Enumerate().Count(float.IsNaN));
        }
    }

    [Fact]
    public void Max_pooling_rejects_a_wrong_input_naming_both_shapes()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => new MaxPooling<double>((8, 26, 26)).Forward(Matrix<double>.Build.Dense(100, 2)));
        Assert.Contains("MaxPooling(8x26x26 → 8x13x13)", ex.Message);
        Assert.Contains("5408", ex.Message);
        Assert.Contains("100x2", ex.Message);
    }

    [Fact]
    public void Flatten_and_reshape_pass_the_same_values_and_gradients()
    {
        var rng = new Rng(13);
        var x = GradientCheck.Random(36, 2, rng);
        var flatten = new Flatten<double>((4, 3, 3));
        Assert.Equal(x, flatten.Forward(x));
        GradientCheck.Layer(flatten, x, rng);
        var reshape = new Reshape<double>([4, 3, 3], [36]);
        Assert.Equal(x, reshape.Forward(x));
        GradientCheck.Layer(reshape, x, rng);
        Assert.Equal("Reshape(4x3x3 → 36)", reshape.Name);
        Assert.Equal("Flatten(4x3x3 → 36)", flatten.Name);
    }

    [Fact]
    public void Reshape_checks_sizes()
    {
        Assert.Throws<ArgumentException>(() => new Reshape<double>((5, 26, 26), (5 * 26 * 25, 1, 1)));
        var ex = Assert.Throws<ShapeMismatchException>(() => new Reshape<double>((5, 26, 26), (3380, 1, 1)).Forward(Matrix<double>.Build.Dense(3381, 1)));
        Assert.Contains("Reshape(5x26x26 → 3380x1x1)", ex.Message);
        Assert.Contains("3381x1", ex.Message);
        var flatten = Assert.Throws<ShapeMismatchException>(() => new Flatten<double>((16, 5, 5)).Forward(Matrix<double>.Build.Dense(401, 1)));
        Assert.Contains("Flatten(16x5x5 → 400)", flatten.Message);
    }
}
