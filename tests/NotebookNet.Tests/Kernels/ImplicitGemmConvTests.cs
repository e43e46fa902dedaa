using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

/// <summary>
/// The implicit-GEMM convolution kernels against the definition (direct loops over the zero-padded image), in
/// float and double, on shapes that exercise every path: panels that wrap to the next output row, partial
/// panels and tiles, several depth blocks, and more kernels than fit one packed block.
/// </summary>
public class ImplicitGemmConvTests
{
    public static TheoryData<int, int, int, int, int, int> Shapes => new()
    {
        // channels, height, width, kernel, padding, depth
        { 3, 7, 9, 3, 1, 5 },
        { 2, 5, 11, 5, 0, 17 },
        { 32, 14, 14, 5, 2, 64 },
        { 1, 28, 28, 5, 2, 32 },
        { 4, 6, 6, 3, 2, 150 },
        { 20, 4, 5, 2, 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_the_direct_loop(int c, int h, int w, int k, int pad, int depth)
    {
        Forward<float>(c, h, w, k, pad, depth, 1e-4);
        Forward<double>(c, h, w, k, pad, depth, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Weight_gradient_matches_the_direct_loop(int c, int h, int w, int k, int pad, int depth)
    {
        WeightGradient<float>(c, h, w, k, pad, depth, 1e-4);
        WeightGradient<double>(c, h, w, k, pad, depth, 1e-12);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_flipped_convolution_of_the_output_gradient_is_the_input_gradient(int c, int h, int w, int k, int pad, int depth)
    {
        InputGradient<float>(c, h, w, k, pad, depth, 1e-4);
        InputGradient<double>(c, h, w, k, pad, depth, 1e-12);
    }

    [Fact]
    public void Strides_other_than_one_are_not_supported_and_short_buffers_are_named()
    {
        var strided = new ConvGeometry(1, 8, 8, 3, 2, 1);
        Assert.False(ImplicitGemmConv.Supports<float>(strided));
        var g = new ConvGeometry(2, 5, 5, 3, 1, 1);
        if (!RunsHere<float>(g)) return;
        var ex = Assert.Throws<ArgumentException>(() =>
            ImplicitGemmConv.Forward<float>(new float[10], g, new float[4 * 18], default, 4, default, new float[4 * 25]));
        Assert.Contains($"{ImplicitGemmConv.PaddedLength(g)}-value padded image", ex.Message);
    }

    private static void Forward<T>(int c, int h, int w, int k, int pad, int depth, double tolerance)
        where T : struct, IFloatingPointIeee754<T>
    {
        var g = new ConvGeometry(c, h, w, k, 1, pad);
        if (!RunsHere<T>(g)) return;
        var rng = new Rng(7);
        var x = Random<T>(g.ImageSize, rng);
        var weights = Random<T>(depth * g.PatchSize, rng);
        var bias = Random<T>(depth, rng);
        var padded = Padded(x, g);
        var packed = new T[ImplicitGemmConv.PackedWeightsLength<T>(g, depth)];
        if (packed.Length > 0) ImplicitGemmConv.PackWeights<T>(weights, g, depth, packed);
        var y = new T[g.Positions * depth];
        ImplicitGemmConv.Forward<T>(padded, g, weights, packed, depth, bias, y);
        for (int f = 0; f < depth; f++)
            for (int pos = 0; pos < g.Positions; pos++)
            {
                double expected = double.CreateChecked(bias[f]);
                for (int r = 0; r < g.PatchSize; r++)
                    expected += double.CreateChecked(weights[f + r * depth]) * Column(x, g, pos, r);
                Near(expected, y[pos + f * g.Positions], tolerance, $"y[{f}, {pos}] of {g} with {depth} kernels");
            }
    }

    private static void WeightGradient<T>(int c, int h, int w, int k, int pad, int depth, double tolerance)
        where T : struct, IFloatingPointIeee754<T>
    {
        var g = new ConvGeometry(c, h, w, k, 1, pad);
        if (!RunsHere<T>(g)) return;
        var rng = new Rng(8);
        var x = Random<T>(g.ImageSize, rng);
        var dy = Random<T>(g.Positions * depth, rng);
        var dw = Random<T>(depth * g.PatchSize, rng);
        var before = (T[])dw.Clone();
        ImplicitGemmConv.AddWeightGradient<T>(dy, Padded(x, g), g, depth, dw);
        for (int f = 0; f < depth; f++)
            for (int r = 0; r < g.PatchSize; r++)
            {
                double expected = double.CreateChecked(before[f + r * depth]);
                for (int pos = 0; pos < g.Positions; pos++)
                    expected += double.CreateChecked(dy[pos + f * g.Positions]) * Column(x, g, pos, r);
                Near(expected, dw[f + r * depth], tolerance, $"dW[{f}, {r}] of {g}");
            }
    }

    private static void InputGradient<T>(int c, int h, int w, int k, int pad, int depth, double tolerance)
        where T : struct, IFloatingPointIeee754<T>
    {
        var g = new ConvGeometry(c, h, w, k, 1, pad);
        if (!RunsHere<T>(g)) return;
        var rng = new Rng(9);
        var weights = Random<T>(depth * g.PatchSize, rng);
        var dy = Random<T>(g.Positions * depth, rng);
        var flipped = new T[weights.Length];
        ImplicitGemmConv.FlipWeights<T>(weights, g, depth, flipped);
        var gt = ImplicitGemmConv.InputGradientGeometry(g, depth);
        Assert.Equal((h, w), (gt.OutHeight, gt.OutWidth));
        var dx = new T[g.ImageSize];
        ImplicitGemmConv.Forward<T>(Padded(dy, gt), gt, flipped, default, c, default, dx);
        // The adjoint of y = W·columns(x): every window entry sends dy·W back to the pixel it read.
        var expected = new double[g.ImageSize];
        for (int f = 0; f < depth; f++)
            for (int pos = 0; pos < g.Positions; pos++)
                for (int r = 0; r < g.PatchSize; r++)
                {
                    int pixel = Pixel(g, pos, r);
                    if (pixel >= 0) expected[pixel] += double.CreateChecked(dy[pos + f * g.Positions]) * double.CreateChecked(weights[f + r * depth]);
                }
        for (int i = 0; i < g.ImageSize; i++) Near(expected[i], dx[i], tolerance, $"dx[{i}] of {g}");
    }

    /// <summary>
    /// Whether the kernels run on this machine; where they cannot (no AVX2/FMA, and <c>Convolutional</c> then takes the
    /// im2col engine), checks that they refuse with <see cref="NotSupportedException"/> instead of computing garbage.
    /// </summary>
    private static bool RunsHere<T>(ConvGeometry g) where T : struct, IFloatingPointIeee754<T>
    {
        if (ImplicitGemmConv.Supports<T>(g)) return true;
        Assert.Throws<NotSupportedException>(() => ImplicitGemmConv.Forward<T>(
            new T[ImplicitGemmConv.PaddedLength(g)], g, new T[g.PatchSize], default, 1, default, new T[g.Positions]));
        return false;
    }

    private static T[] Padded<T>(T[] image, in ConvGeometry g) where T : struct
    {
        var padded = new T[ImplicitGemmConv.PaddedLength(g)];
        padded.AsSpan().Fill(default);
        ImplicitGemmConv.Pad<T>(image, g, padded);
        return padded;
    }

    // The im2col entry (pos, r): the pixel under window element r of output position pos, zero in the padding.
    private static double Column<T>(T[] x, in ConvGeometry g, int pos, int r) where T : struct, IFloatingPointIeee754<T>
    {
        int pixel = Pixel(g, pos, r);
        return pixel < 0 ? 0 : double.CreateChecked(x[pixel]);
    }

    private static int Pixel(in ConvGeometry g, int pos, int r)
    {
        int k = g.KernelSize, ch = r / (k * k), ki = r / k % k, kj = r % k;
        int iy = pos / g.OutWidth + ki - g.Padding, ix = pos % g.OutWidth + kj - g.Padding;
        return iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width ? -1 : (ch * g.Height + iy) * g.Width + ix;
    }

    private static T[] Random<T>(int length, Rng rng) where T : struct, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++) values[i] = T.CreateChecked(rng.NextGaussian());
        return values;
    }

    private static void Near<T>(double expected, T actual, double tolerance, string what) where T : struct, IFloatingPointIeee754<T>
    {
        double value = double.CreateChecked(actual);
        Assert.True(Math.Abs(value - expected) <= tolerance * Math.Max(1, Math.Abs(expected)) * 10,
            $"{what}: expected {expected}, got {value}");
    }
}
