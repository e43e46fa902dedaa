using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Layers;
using NotebookNet.Tensors;

namespace NotebookNet.Tests.Layers;

public class ConvolutionalTests
{
    // The definition, one multiply-add at a time: y[f, oy, ox] = b[f] + Σ_c,ki,kj W[f, c, ki, kj] · x[c, oy·s + ki − p, ox·s + kj − p].
    private static Matrix<double> Naive(Convolutional<double> conv, Matrix<double> x)
    {
        var (c, h, w) = conv.InputShape;
        var (depth, oh, ow) = conv.OutputShape;
        int k = conv.KernelSize, s = conv.Stride, pad = conv.Padding;
        var y = Matrix<double>.Build.Dense(depth * oh * ow, x.ColumnCount);
        for (int n = 0; n < x.ColumnCount; n++)
            for (int f = 0; f < depth; f++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double sum = conv.Bias[f, 0];
                        for (int ch = 0; ch < c; ch++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int iy = oy * s + ki - pad, ix = ox * s + kj - pad;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                                    sum += conv.Weights[f, (ch * k + ki) * k + kj] * x[(ch * h + iy) * w + ix, n];
                                }
                        y[(f * oh + oy) * ow + ox, n] = sum;
                    }
        return y;
    }

    [Theory]
    [InlineData(1, 28, 28, 3, 8, 1, 0, 2)]
    [InlineData(3, 7, 6, 3, 4, 2, 1, 3)]
    [InlineData(2, 9, 9, 5, 3, 1, 2, 2)]
    [InlineData(4, 8, 5, 2, 5, 3, 1, 1)]
    [InlineData(2, 6, 6, 1, 3, 1, 0, 4)]
    [InlineData(1, 5, 5, 5, 2, 1, 0, 3)]
    [InlineData(3, 11, 10, 3, 16, 1, 1, 2)]
    [InlineData(1, 28, 28, 5, 32, 1, 2, 1)]
    public void Forward_matches_the_direct_loop(int c, int h, int w, int k, int depth, int stride, int padding, int batch)
    {
        var rng = new Rng(7);
        var conv = new Convolutional<double>((c, h, w), k, depth, rng, stride, padding);
        MatrixData.Of(conv.Bias).AsSpan().Fill(0.25);
        var x = GradientCheck.Random(c * h * w, batch, rng);
        var expected = Naive(conv, x);
        var actual = conv.Forward(x);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int i = 0; i < expected.RowCount; i++)
            for (int j = 0; j < batch; j++)
                Assert.Equal(expected[i, j], actual[i, j], 1e-12);
    }

    [Fact]
    public void Output_shape_follows_the_PyTorch_formula()
    {
        Assert.Equal((8, 26, 26), new Convolutional<double>((1, 28, 28), 3, 8, new Rng(0)).OutputShape);
        Assert.Equal((32, 28, 28), new Convolutional<double>((1, 28, 28), 5, 32, new Rng(0), padding: 2).OutputShape);
        Assert.Equal((4, 4, 3), new Convolutional<double>((3, 7, 6), 3, 4, new Rng(0), stride: 2, padding: 1).OutputShape);
    }

    // Depth 6 × patch 27 = 162 weights goes through Blas.Gemm; depth 2 and 4 through the direct SmallConv products.
    [Theory]
    [InlineData(6)]
    [InlineData(4)]
    public void Gradients_with_stride_2_padding_1_and_three_channels_match_central_differences(int depth)
    {
        var rng = new Rng(1);
        var conv = new Convolutional<double>((3, 7, 6), 3, depth, stride: 2, padding: 1, rng: rng);
        MatrixData.Of(conv.Bias).AsSpan().Fill(0.1);
        GradientCheck.Layer(conv, GradientCheck.Random(3 * 7 * 6, 2, rng), rng);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Gradients_without_padding_match_central_differences(int depth)
    {
        var rng = new Rng(2);
        var conv = new Convolutional<double>((2, 6, 5), 3, depth, rng: rng);
        GradientCheck.Layer(conv, GradientCheck.Random(2 * 6 * 5, 3, rng), rng);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Gradients_with_a_kernel_larger_than_the_stride_and_wide_padding_match(int depth)
    {
        var rng = new Rng(3);
        var conv = new Convolutional<double>((2, 5, 5), 5, depth, stride: 3, padding: 2, rng: rng);
        GradientCheck.Layer(conv, GradientCheck.Random(2 * 5 * 5, 2, rng), rng);
    }

    // Stride 1 with a million multiply-adds per image and kernels other than 5×5 runs on the implicit-GEMM engine: one
    // with enough input channels for the flipped convolution, and one with too few (its input gradient goes through col2im).
    [Theory]
    [InlineData(32, 14, 3, 1, 64)]
    [InlineData(8, 20, 3, 1, 64)]
    public void Gradients_of_the_implicit_engine_match_central_differences(int channels, int size, int k, int padding, int depth)
    {
        var g = new ConvGeometry(channels, size, size, k, 1, padding);
        Assert.True(ImplicitConvolution<double>.Suits(g, depth) && !WinogradConvolution<double>.Suits(g, depth));
        Check(channels, size, k, padding, depth);
    }

    // The same with 5×5 kernels runs on the Winograd engine, all three products: LeNet-5's second layer, an
    // odd size whose last tiles are partly outside the output, and no padding.
    [Theory]
    [InlineData(32, 14, 2, 64)]
    [InlineData(16, 11, 2, 32)]
    [InlineData(16, 15, 0, 32)]
    public void Gradients_of_the_Winograd_engine_match_central_differences(int channels, int size, int padding, int depth)
    {
        Assert.True(WinogradConvolution<double>.Suits(new ConvGeometry(channels, size, size, 5, 1, padding), depth));
        Check(channels, size, 5, padding, depth);
    }

    private static void Check(int channels, int size, int k, int padding, int depth)
    {
        var rng = new Rng(6);
        var conv = new Convolutional<double>((channels, size, size), k, depth, padding: padding, rng: rng);
        MatrixData.Of(conv.Bias).AsSpan().Fill(0.1);
        var x = GradientCheck.Random(channels * size * size, 2, rng);
        Assert.Equal(Naive(conv, x).Enumerate(), conv.Forward(x).Enumerate(), new Tolerance(1e-10));
        GradientCheck.Layer(conv, x, rng, samples: 60);
    }

    [Fact]
    public void A_large_batch_split_between_cores_gives_the_sum_of_per_image_gradients()
    {
        foreach (int depth in new[] { 8, 3 }) LargeBatch((3, 12, 12), 3, depth, 48);
        // The implicit-GEMM engine, in training mode (padded inputs kept between the passes), and the Winograd one.
        Assert.True(ImplicitConvolution<double>.Suits(new ConvGeometry(16, 16, 16, 3, 1, 1), 64));
        LargeBatch((16, 16, 16), 3, 64, 9);
        Assert.True(WinogradConvolution<double>.Suits(new ConvGeometry(16, 16, 16, 5, 1, 2), 32));
        LargeBatch((16, 16, 16), 5, 32, 9);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon * Math.Max(1, Math.Abs(a));
        public int GetHashCode(double value) => 0;
    }

    private static void LargeBatch((int C, int H, int W) shape, int k, int depth, int n)
    {
        var rng = new Rng(4);
        var conv = new Convolutional<double>(shape, k, depth, padding: k / 2, rng: rng);
        int outSize = depth * shape.H * shape.W;
        var x = GradientCheck.Random(shape.C * shape.H * shape.W, n, rng);
        var dy = GradientCheck.Random(outSize, n, rng);
        var y = conv.Forward(x).Clone();
        var dx = conv.Backward(dy).Clone();
        var dw = conv.Parameters[0].Gradient.Clone();
        var db = conv.Parameters[1].Gradient.Clone();

        var dwSum = Matrix<double>.Build.Dense(dw.RowCount, dw.ColumnCount);
        var dbSum = Matrix<double>.Build.Dense(db.RowCount, 1);
        for (int j = 0; j < n; j++)
        {
            var yj = conv.Forward(x.SubMatrix(0, x.RowCount, j, 1));
            for (int i = 0; i < outSize; i++) Assert.Equal(yj[i, 0], y[i, j], 1e-12);
            var dxj = conv.Backward(dy.SubMatrix(0, outSize, j, 1));
            for (int i = 0; i < dx.RowCount; i++) Assert.Equal(dxj[i, 0], dx[i, j], 1e-12);
            dwSum += conv.Parameters[0].Gradient;
            dbSum += conv.Parameters[1].Gradient;
        }
        Assert.True((dwSum - dw).Enumerate().All(v => Math.Abs(v) < 1e-10));
        Assert.True((dbSum - db).Enumerate().All(v => Math.Abs(v) < 1e-10));
    }

    [Fact]
    public void Without_an_input_gradient_the_parameter_gradients_are_unchanged_and_the_result_is_zero()
    {
        var rng = new Rng(5);
        var conv = new Convolutional<double>((2, 6, 6), 3, 3, padding: 1, rng: rng);
        var x = GradientCheck.Random(72, 4, rng);
        var dy = GradientCheck.Random(3 * 36, 4, rng);
        conv.Forward(x);
        conv.Backward(dy);
        var dw = conv.Parameters[0].Gradient.Clone();
        conv.InputGradientNeeded = false;
        var dx = conv.Backward(dy);
        Assert.Equal(dw, conv.Parameters[0].Gradient);
        Assert.True(dx.Enumerate().All(v => v == 0));
    }

    [Fact]
    public void Kernel_returns_the_slice_of_one_filter_for_one_channel()
    {
        var conv = new Convolutional<double>((2, 5, 5), 3, 4, rng: new Rng(0));
        var kernel = conv.Kernel(3, 1);
        Assert.Equal(3, kernel.RowCount);
        Assert.Equal(conv.Weights[3, 9 + 2 * 3 + 1], kernel[2, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => conv.Kernel(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => conv.Kernel(0, 2));
    }

    [Fact]
    public void He_initialisation_has_the_expected_spread_and_zero_bias()
    {
        var conv = new Convolutional<double>((8, 10, 10), 3, 64, rng: new Rng(0));
        var w = conv.Weights.Enumerate().ToArray();
        double std = Math.Sqrt(w.Select(v => v * v).Average());
        Assert.InRange(std, Math.Sqrt(2.0 / 72) * 0.95, Math.Sqrt(2.0 / 72) * 1.05);
        Assert.True(conv.Bias.Enumerate().All(v => v == 0));
    }

    [Fact]
    public void A_wrong_input_size_names_the_layer_and_both_shapes()
    {
        var conv = new Convolutional<float>((1, 28, 28), 3, 8, new Rng(0));
        var ex = Assert.Throws<ShapeMismatchException>(() => conv.Forward(Matrix<float>.Build.Dense(785, 64)));
        Assert.Contains("Convolutional(1x28x28 → 8x26x26)", ex.Message);
        Assert.Contains("784", ex.Message);
        Assert.Contains("785x64", ex.Message);
    }

    [Fact]
    public void A_wrong_output_gradient_names_the_layer_and_both_shapes()
    {
        var conv = new Convolutional<double>((1, 6, 6), 3, 2, new Rng(0));
        conv.Forward(Matrix<double>.Build.Dense(36, 3));
        var ex = Assert.Throws<ShapeMismatchException>(() => conv.Backward(Matrix<double>.Build.Dense(32, 2)));
        Assert.Contains("Convolutional(1x6x6 → 2x4x4)", ex.Message);
        Assert.Contains("32x3", ex.Message);
        Assert.Contains("32x2", ex.Message);
    }

    [Fact]
    public void A_kernel_that_does_not_fit_is_rejected_at_construction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Convolutional<double>((1, 4, 4), 5, 2, new Rng(0)));
        Assert.Contains("5x5", ex.Message);
    }

    [Fact]
    public void Col2im_is_the_adjoint_of_im2col()
    {
        var rng = new Rng(9);
        var g = new ConvGeometry(3, 7, 8, 3, 2, 1);
        var x = GradientCheck.Random(g.ImageSize, 1, rng).ToColumnMajorArray();
        var c = GradientCheck.Random(g.Positions * g.PatchSize, 1, rng).ToColumnMajorArray();
        var cols = new double[c.Length];
        Im2Col.Forward<double>(x, g, cols);
        var back = new double[x.Length];
        Im2Col.Backward<double>(c, g, back);
        double lhs = cols.Zip(c, (a, b) => a * b).Sum(), rhs = x.Zip(back, (a, b) => a * b).Sum();
        Assert.Equal(lhs, rhs, 1e-10);
    }
}
