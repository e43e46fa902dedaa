using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Tensors;

namespace NotebookNet.Tests.Kernels;

/// <summary>
/// The direct convolution engine (the small CNN's layers) against the definition: loops over the zero-padded image
/// in double, for the forward pass, ∂L/∂W, ∂L/∂b and ∂L/∂x, on shapes that exercise every path (a depth that is not
/// a multiple of 8 or 4, taps that are not a multiple of 3, padding, rows whose wide grid ends mid-vector, one image
/// and batches cut into several chunks); and its 512-bit kernels against its 256-bit ones, bit for bit (so these
/// tests switch <see cref="Simd.Wide"/> and run alone, with <see cref="WideKernelTests"/>).
/// </summary>
[Collection(nameof(KernelWidth))]
public class DirectConvolutionTests
{
    public static TheoryData<int, int, int, int, int, int, int> Shapes => new()
    {
        // channels, height, width, kernel, padding, depth, images
        { 1, 28, 28, 3, 0, 8, 5 },
        { 8, 13, 13, 3, 0, 16, 9 },
        { 3, 7, 9, 3, 1, 5, 3 },
        { 2, 6, 5, 2, 0, 9, 1 },
        { 1, 10, 11, 5, 2, 3, 70 },
        { 4, 5, 6, 3, 2, 13, 2 },
    };

    [Fact]
    public void Forward_gives_known_values_for_a_tiny_image()
    {
        // One 3x3 image 1…9, one 2x2 kernel [1 2; 3 4] and bias 10: each output is 10 + a + 2b + 3c + 4d of its window.
        var g = new ConvGeometry(1, 3, 3, 2, 1, 0);
        var engine = new DirectConvolution(g, 1);
        // W is (depth × C·k·k) column-major: with depth 1, the taps in order (0,0), (0,1), (1,0), (1,1).
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9], w = [1, 2, 3, 4], b = [10], y = new float[4];
        engine.Forward(x, y, w, b, 1, training: true);
        Assert.Equal([10 + 1 + 4 + 12 + 20, 10 + 2 + 6 + 15 + 24, 10 + 4 + 10 + 21 + 32, 10 + 5 + 12 + 24 + 36], y);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_and_backward_match_the_definition(int c, int h, int wd, int k, int pad, int depth, int n)
    {
        var g = new ConvGeometry(c, h, wd, k, 1, pad);
        Assert.True(DirectConvolution.Suits<float>(g, depth));
        var (x, w, b, dy) = Data(g, depth, n, seed: 3);
        var (y, dw, db, dx) = Run(g, depth, n, x, w, b, dy);
        var (ey, edw, edb, edx) = Reference(g, depth, n, x, w, b, dy);
        AssertClose(ey, y, "y");
        AssertClose(edw, dw, "dW");
        AssertClose(edb, db, "db");
        AssertClose(edx, dx, "dx");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_512_bit_kernels_give_the_bits_of_the_256_bit_ones(int c, int h, int wd, int k, int pad, int depth, int n)
    {
        var g = new ConvGeometry(c, h, wd, k, 1, pad);
        var (x, w, b, dy) = Data(g, depth, n, seed: 11);
        bool saved = Simd.Wide;
        try
        {
            Simd.Wide = false;
            var narrow = Run(g, depth, n, x, w, b, dy);
            // Where the hardware has no 512-bit vectors the switch stays off and there is only the 256-bit path to run.
            Simd.Wide = true;
            var wide = Run(g, depth, n, x, w, b, dy);
            AssertSameBits(narrow.Y, wide.Y, "y");
            AssertSameBits(narrow.Dw, wide.Dw, "dW");
            AssertSameBits(narrow.Db, wide.Db, "db");
            AssertSameBits(narrow.Dx, wide.Dx, "dx");
        }
        finally
        {
            Simd.Wide = saved;
        }
    }

    [Fact]
    public void Without_the_input_gradient_the_weight_gradients_are_the_same_and_dx_is_untouched()
    {
        var g = new ConvGeometry(8, 13, 13, 3, 1, 0);
        var (x, w, b, dy) = Data(g, 16, 6, seed: 5);
        var full = Run(g, 16, 6, x, w, b, dy);
        var engine = new DirectConvolution(g, 16);
        float[] dw = new float[w.Length], db = new float[16], dx = Enumerable.Repeat(7f, g.ImageSize * 6).ToArray();
        engine.Forward(x, new float[16 * g.Positions * 6], w, b, 6, training: true);
        engine.Backward(x, dy, dx, w, dw, db, 6, inputGradient: false);
        AssertSameBits(full.Dw, dw, "dW");
        AssertSameBits(full.Db, db, "db");
        Assert.All(dx, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void The_small_CNN_layers_run_on_it_and_agree_with_the_double_layers_on_im2col()
    {
        var floats = Models.SmallCnn(new Rng(4));
        var doubles = Models.SmallCnn<double>(new Rng(4));
        var convolutions = floats.OfType<Convolutional<float>>().ToArray();
        Assert.Equal(["DirectConvolution", "DirectConvolution"], convolutions.Select(c => c.EngineName));
        Assert.All(doubles.OfType<Convolutional<double>>(), c => Assert.Equal("Im2ColConvolution", c.EngineName));
        // The same weights in both (the float ones, exactly), then one training step's gradients compared.
        for (int p = 0; p < floats.Parameters.Count; p++)
        {
            var (source, target) = (MatrixData.Of(floats.Parameters[p].Value), MatrixData.Of(doubles.Parameters[p].Value));
            for (int i = 0; i < source.Length; i++) target[i] = source[i];
        }
        var rng = new Rng(9);
        var x = Matrix<float>.Build.Dense(784, 20, (_, _) => (float)rng.NextDouble());
        var labels = Enumerable.Range(0, 20).Select(i => i % 10).ToArray();
        var logitsF = floats.Forward(x);
        var logitsD = doubles.Forward(x.Map(v => (double)v));
        floats.Backward(Loss.SoftmaxCrossEntropyPrime<float>(labels, logitsF));
        doubles.Backward(Loss.SoftmaxCrossEntropyPrime<double>(labels, logitsD));
        AssertClose(MatrixData.Of(logitsD), MatrixData.Of(logitsF), "logits", floor: 0);
        for (int p = 0; p < floats.Parameters.Count; p++)
            AssertClose(MatrixData.Of(doubles.Parameters[p].Gradient), MatrixData.Of(floats.Parameters[p].Gradient),
                $"∂L/∂{floats.Parameters[p].Name} of parameter {p}", floor: 0);
    }

    private static (float[] Y, float[] Dw, float[] Db, float[] Dx) Run(ConvGeometry g, int depth, int n, float[] x, float[] w, float[] b, float[] dy)
    {
        var engine = new DirectConvolution(g, depth);
        var y = new float[depth * g.Positions * n];
        float[] dw = new float[w.Length], db = new float[depth], dx = new float[g.ImageSize * n];
        engine.Forward(x, y, w, b, n, training: true);
        engine.Backward(x, dy, dx, w, dw, db, n, inputGradient: true);
        return (y, dw, db, dx);
    }

    private static (float[] X, float[] W, float[] B, float[] Dy) Data(ConvGeometry g, int depth, int n, uint seed)
    {
        var rng = new Rng(seed);
        float[] Draw(int length) => Enumerable.Range(0, length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        return (Draw(g.ImageSize * n), Draw(depth * g.PatchSize), Draw(depth), Draw(depth * g.Positions * n));
    }

    // The definition, in double: y[f, oy, ox] = b[f] + Σ W[f, c, ki, kj]·x[c, oy + ki − p, ox + kj − p], and its adjoints.
    private static (double[] Y, double[] Dw, double[] Db, double[] Dx) Reference(ConvGeometry g, int depth, int n,
        float[] x, float[] w, float[] b, float[] dy)
    {
        int k = g.KernelSize, p = g.Padding, oh = g.OutHeight, ow = g.OutWidth, positions = g.Positions;
        var y = new double[depth * positions * n];
        var dw = new double[w.Length];
        var db = new double[depth];
        var dx = new double[g.ImageSize * n];
        for (int i = 0; i < n; i++)
            for (int f = 0; f < depth; f++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++)
                    {
                        int o = (i * depth + f) * positions + oy * ow + ox;
                        double sum = b[f];
                        db[f] += dy[o];
                        for (int c = 0; c < g.Channels; c++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int iy = oy + ki - p, ix = ox + kj - p;
                                    if ((uint)iy >= (uint)g.Height || (uint)ix >= (uint)g.Width) continue;
                                    int xi = i * g.ImageSize + (c * g.Height + iy) * g.Width + ix;
                                    int wi = f + ((c * k + ki) * k + kj) * depth;
                                    sum += (double)w[wi] * x[xi];
                                    dw[wi] += (double)dy[o] * x[xi];
                                    dx[xi] += (double)dy[o] * w[wi];
                                }
                        y[o] = sum;
                    }
        return (y, dw, db, dx);
    }

    // Within 1e-5 of the largest expected magnitude (at least `floor`).
    private static void AssertClose(double[] expected, float[] actual, string what, double floor = 1)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(floor, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale,
                $"{what}[{i}]: expected {expected[i]}, got {actual[i]} (scale {scale}).");
        Assert.Contains(actual, v => v != 0);
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        int differing = Enumerable.Range(0, expected.Length).Count(i => BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]));
        Assert.True(differing == 0, $"{what}: {differing} of {expected.Length} values differ between the 256-bit and 512-bit kernels.");
        Assert.Contains(actual, v => v != 0);
    }
}
