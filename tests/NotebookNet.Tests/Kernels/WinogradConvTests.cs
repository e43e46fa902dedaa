using System.Numerics;
using NotebookNet.Kernels;
using Xunit.Abstractions;

namespace NotebookNet.Tests.Kernels;

/// <summary>
/// Winograd's F(2×2, 5×5) against the definition (direct loops in double). The transforms mix all 36 values of an
/// input tile (the (m + 4)×(m + 4) block an m×m block of outputs reads, all of it) and all 25 weights of a kernel
/// before rounding, so an output's error is bounded by the norms of what went in, not by the sum of its terms: it is
/// measured against <c>|bias| + Σ_c ‖tile_c‖₂·‖kernel_c‖₂</c>. A direct float sum is off by a few epsilons of its
/// scale; the transforms' entries (up to 21 in F(4×4, 5×5)'s Bᵀ, 8 in its Aᵀ, fractions in G) multiply that by a
/// growth factor, so float must stay within 64 epsilons of this scale, and double within 1e-10 of it.
/// Shapes cover every edge: odd output sizes (a last tile partly outside), padding 0 to 4, channel and kernel counts that are not whole vectors,
/// several images in one call across blocks of tiles, more kernels than the products pack ahead, LeNet-5's second
/// layer, and both schemes (outputs one or two rows high take F(2×2, 5×5), the others F(4×4, 5×5)).
/// </summary>
public class WinogradConvTests(ITestOutputHelper output)
{
    private const double FloatTolerance = 64 * 1.1920929e-7, DoubleTolerance = 1e-10;

    public static TheoryData<int, int, int, int, int, int> Shapes => new()
    {
        // channels, height, width, padding, depth, images
        { 1, 5, 5, 0, 1, 1 },
        { 2, 7, 9, 1, 3, 2 },
        { 3, 6, 11, 2, 5, 3 },
        { 3, 9, 8, 0, 17, 1 },
        { 1, 4, 4, 4, 2, 2 },
        { 2, 13, 13, 2, 9, 5 },
        { 32, 14, 14, 2, 64, 3 },
        { 2, 6, 14, 0, 3, 3 },
        { 3, 5, 9, 0, 17, 2 },
        { 2, 6, 6, 2, 150, 2 },
    };

    [Fact]
    public void Each_geometry_takes_the_scheme_with_fewer_multiplications()
    {
        // LeNet-5's second layer: 16 tiles of 64 points against 49 of 36.
        Assert.True(WinogradConv.LargeTiles(new ConvGeometry(32, 14, 14, 5, 1, 2)));
        // Outputs two or one row high: a 4×4 block would be mostly outside them.
        Assert.False(WinogradConv.LargeTiles(new ConvGeometry(2, 6, 14, 5, 1, 0)));
        Assert.False(WinogradConv.LargeTiles(new ConvGeometry(3, 5, 9, 5, 1, 0)));
        Assert.False(WinogradConv.LargeTiles(new ConvGeometry(1, 5, 5, 5, 1, 0)));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_matches_the_direct_convolution(int c, int h, int w, int pad, int depth, int images)
    {
        var g = new ConvGeometry(c, h, w, 5, 1, pad);
        Report("forward", g, depth, Forward<float>(g, depth, images, seed: 1), FloatTolerance);
        Report("forward", g, depth, Forward<double>(g, depth, images, seed: 2), DoubleTolerance);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_flipped_convolution_of_the_output_gradient_is_the_input_gradient(int c, int h, int w, int pad, int depth, int images)
    {
        var g = new ConvGeometry(c, h, w, 5, 1, pad);
        Report("input gradient", g, depth, InputGradient<float>(g, depth, images, seed: 3), FloatTolerance);
        Report("input gradient", g, depth, InputGradient<double>(g, depth, images, seed: 4), DoubleTolerance);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Weight_gradient_matches_the_direct_sum(int c, int h, int w, int pad, int depth, int images)
    {
        var g = new ConvGeometry(c, h, w, 5, 1, pad);
        Report("weight gradient", g, depth, WeightGradient<float>(g, depth, images, seed: 6), FloatTolerance);
        Report("weight gradient", g, depth, WeightGradient<double>(g, depth, images, seed: 7), DoubleTolerance);
    }

    [Fact]
    public void Every_image_has_the_same_bits_whatever_the_images_it_is_computed_with()
    {
        var g = new ConvGeometry(32, 14, 14, 5, 1, 2);
        if (!WinogradConv.Supports<float>(g)) return;
        const int depth = 64, images = 5;
        var rng = new Rng(5);
        var x = Random<float>(images * g.ImageSize, rng);
        var kernels = Kernels(Random<float>(depth * g.PatchSize, rng), g, depth);
        var bias = Random<float>(depth, rng);
        int outSize = g.Positions * depth;
        var together = new float[images * outSize];
        WinogradConv.Forward<float>(x, g, kernels, depth, bias, together, images, new float[WinogradConv.WorkspaceLength<float>(g, depth, images)]);
        var alone = new float[outSize];
        var workspace = new float[WinogradConv.WorkspaceLength<float>(g, depth, 1)];
        for (int i = 0; i < images; i++)
        {
            WinogradConv.Forward<float>(x.AsSpan(i * g.ImageSize, g.ImageSize), g, kernels, depth, bias, alone, 1, workspace);
            Assert.Equal(together.AsSpan(i * outSize, outSize).ToArray(), alone);
        }
    }

    [Fact]
    public void Other_kernels_and_strides_are_not_supported_and_short_buffers_are_named()
    {
        Assert.False(WinogradConv.Supports<float>(new ConvGeometry(2, 8, 8, 3, 1, 1)));
        Assert.False(WinogradConv.Supports<float>(new ConvGeometry(2, 9, 9, 5, 2, 2)));
        Assert.False(WinogradConv.Supports<float>(new ConvGeometry(2, 9, 9, 5, 1, 5)));
        var g = new ConvGeometry(2, 6, 6, 5, 1, 2);
        if (!WinogradConv.Supports<float>(g))
        {
            Assert.Throws<NotSupportedException>(() => WinogradConv.TransformKernels<float>(new float[100], g, 2, new float[100_000]));
            return;
        }
        var kernels = Kernels(new float[2 * g.PatchSize], g, 2);
        int workspace = WinogradConv.WorkspaceLength<float>(g, 2, 1);
        var ex = Assert.Throws<ArgumentException>(() =>
            WinogradConv.Forward<float>(new float[g.ImageSize], g, kernels, 2, default, new float[2 * g.Positions], 1, new float[workspace - 1]));
        Assert.Contains($"a {workspace}-value workspace", ex.Message);
        Assert.Contains($"{workspace - 1}", ex.Message);
    }

    // Max abs error, max error relative to the exact output, and the largest error over the output's scale.
    private readonly record struct Errors(double MaxAbs, double MaxRelative, double MaxOverScale);

    private void Report(string what, in ConvGeometry g, int depth, Errors? errors, double tolerance)
    {
        if (errors is not Errors e) return;
        output.WriteLine($"{what} {g} depth {depth}: max abs {e.MaxAbs:E2}, max rel {e.MaxRelative:E2}, max error/scale {e.MaxOverScale:E2}");
        Assert.True(e.MaxOverScale <= tolerance, $"{what} of {g}: an error of {e.MaxOverScale:E2} of |bias| + Σ‖tile‖·‖kernel‖, more than {tolerance:E2}");
    }

    private static Errors? Forward<T>(in ConvGeometry g, int depth, int images, uint seed) where T : struct, IFloatingPointIeee754<T>
    {
        if (!WinogradConv.Supports<T>(g)) return null;
        var rng = new Rng(seed);
        var x = Random<T>(images * g.ImageSize, rng);
        var weights = Random<T>(depth * g.PatchSize, rng);
        var bias = Random<T>(depth, rng);
        var y = new T[images * g.Positions * depth];
        WinogradConv.Forward<T>(x, g, Kernels(weights, g, depth), depth, bias, y, images, new T[WinogradConv.WorkspaceLength<T>(g, depth, images)]);
        var errors = new Accumulator();
        int k = g.KernelSize, block = Block(g);
        for (int i = 0; i < images; i++)
            for (int f = 0; f < depth; f++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                    {
                        double sum = double.CreateChecked(bias[f]), scale = Math.Abs(sum);
                        for (int c = 0; c < g.Channels; c++)
                            scale += TileNorm(x, i * g.ImageSize + c * g.Height * g.Width, g.Height, g.Width, oy, ox, g.Padding, block)
                                * KernelNorm(weights, f, c, depth);
                        for (int c = 0; c < g.Channels; c++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int iy = oy + ki - g.Padding, ix = ox + kj - g.Padding;
                                    if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
                                    double term = double.CreateChecked(weights[f + ((c * k + ki) * k + kj) * depth])
                                        * double.CreateChecked(x[i * g.ImageSize + (c * g.Height + iy) * g.Width + ix]);
                                    sum += term;
                                }
                        errors.Add(sum, scale, double.CreateChecked(y[((i * depth + f) * g.OutHeight + oy) * g.OutWidth + ox]));
                    }
        return errors.Result;
    }

    private static Errors? InputGradient<T>(in ConvGeometry g, int depth, int images, uint seed) where T : struct, IFloatingPointIeee754<T>
    {
        var gt = ImplicitGemmConv.InputGradientGeometry(g, depth);
        if (!WinogradConv.Supports<T>(gt)) return null;
        Assert.Equal((g.Height, g.Width), (gt.OutHeight, gt.OutWidth));
        var rng = new Rng(seed);
        var weights = Random<T>(depth * g.PatchSize, rng);
        var dy = Random<T>(images * g.Positions * depth, rng);
        var flipped = new T[weights.Length];
        ImplicitGemmConv.FlipWeights<T>(weights, g, depth, flipped);
        var dx = new T[images * g.ImageSize];
        WinogradConv.Forward<T>(dy, gt, Kernels(flipped, gt, g.Channels), g.Channels, default, dx, images,
            new T[WinogradConv.WorkspaceLength<T>(gt, g.Channels, images)]);
        // The adjoint of y = conv(x, W): every output sends dy·W back to each pixel its window read.
        int k = g.KernelSize, outSize = g.Positions * depth;
        var expected = new double[images * g.ImageSize];
        var scale = new double[expected.Length];
        for (int i = 0; i < images; i++)
            for (int f = 0; f < depth; f++)
                for (int oy = 0; oy < g.OutHeight; oy++)
                    for (int ox = 0; ox < g.OutWidth; ox++)
                        for (int c = 0; c < g.Channels; c++)
                            for (int ki = 0; ki < k; ki++)
                                for (int kj = 0; kj < k; kj++)
                                {
                                    int iy = oy + ki - g.Padding, ix = ox + kj - g.Padding;
                                    if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
                                    int pixel = i * g.ImageSize + (c * g.Height + iy) * g.Width + ix;
                                    double term = double.CreateChecked(dy[i * outSize + (f * g.OutHeight + oy) * g.OutWidth + ox])
                                        * double.CreateChecked(weights[f + ((c * k + ki) * k + kj) * depth]);
                                    expected[pixel] += term;
                                }
        // The tiles of the flipped convolution: ∂L/∂Y with a border of k − 1 − padding.
        for (int i = 0; i < images; i++)
            for (int c = 0; c < g.Channels; c++)
                for (int iy = 0; iy < g.Height; iy++)
                    for (int ix = 0; ix < g.Width; ix++)
                        for (int f = 0; f < depth; f++)
                            scale[i * g.ImageSize + (c * g.Height + iy) * g.Width + ix] +=
                                TileNorm(dy, i * outSize + f * g.Positions, g.OutHeight, g.OutWidth, iy, ix, gt.Padding, Block(gt))
                                * KernelNorm(weights, f, c, depth);
        var errors = new Accumulator();
        for (int p = 0; p < expected.Length; p++) errors.Add(expected[p], scale[p], double.CreateChecked(dx[p]));
        return errors.Result;
    }

    private static Errors? WeightGradient<T>(in ConvGeometry g, int depth, int images, uint seed) where T : struct, IFloatingPointIeee754<T>
    {
        if (!WinogradConv.Supports<T>(g)) return null;
        var rng = new Rng(seed);
        var x = Random<T>(images * g.ImageSize, rng);
        var dy = Random<T>(images * g.Positions * depth, rng);
        var dw = Random<T>(depth * g.PatchSize, rng);
        var before = (T[])dw.Clone();
        WinogradConv.AddWeightGradient<T>(x, dy, g, depth, images, dw, new T[WinogradConv.WeightGradientWorkspaceLength<T>(g, depth, images)]);
        int k = g.KernelSize, outSize = g.Positions * depth, block = Block(g);
        var errors = new Accumulator();
        for (int f = 0; f < depth; f++)
            for (int c = 0; c < g.Channels; c++)
            {
                // Each tile adds (A ∂Y Aᵀ) ⊙ V: its error scales with ‖∂Y block‖·‖input tile‖, summed over the tiles.
                double tileScale = 0;
                for (int i = 0; i < images; i++)
                    for (int oy = 0; oy < g.OutHeight; oy += block)
                        for (int ox = 0; ox < g.OutWidth; ox += block)
                            tileScale += BlockNorm(dy, i * outSize + f * g.Positions, g.OutHeight, g.OutWidth, oy, ox, block)
                                * TileNorm(x, i * g.ImageSize + c * g.Height * g.Width, g.Height, g.Width, oy, ox, g.Padding, block);
                for (int ki = 0; ki < k; ki++)
                    for (int kj = 0; kj < k; kj++)
                    {
                        int r = f + ((c * k + ki) * k + kj) * depth;
                        double sum = double.CreateChecked(before[r]);
                        for (int i = 0; i < images; i++)
                            for (int oy = 0; oy < g.OutHeight; oy++)
                                for (int ox = 0; ox < g.OutWidth; ox++)
                                {
                                    int iy = oy + ki - g.Padding, ix = ox + kj - g.Padding;
                                    if (iy < 0 || iy >= g.Height || ix < 0 || ix >= g.Width) continue;
                                    sum += double.CreateChecked(dy[i * outSize + (f * g.OutHeight + oy) * g.OutWidth + ox])
                                        * double.CreateChecked(x[i * g.ImageSize + (c * g.Height + iy) * g.Width + ix]);
                                }
                        errors.Add(sum, Math.Abs(double.CreateChecked(before[r])) + tileScale, double.CreateChecked(dw[r]));
                    }
            }
        return errors.Result;
    }

    // The side of the output blocks g's scheme computes at once.
    private static int Block(in ConvGeometry g) => WinogradConv.LargeTiles(g) ? 4 : 2;

    // ‖·‖₂ of the block of a plane (zero outside it) whose top-left output is (oy, ox).
    private static double BlockNorm<T>(T[] plane, int at, int height, int width, int oy, int ox, int block) where T : struct, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int y = oy; y < Math.Min(height, oy + block); y++)
            for (int x = ox; x < Math.Min(width, ox + block); x++)
            {
                double v = double.CreateChecked(plane[at + y * width + x]);
                sum += v * v;
            }
        return Math.Sqrt(sum);
    }

    // ‖·‖₂ of the input tile that output (oy, ox) of a plane (zero outside it) is computed from.
    private static double TileNorm<T>(T[] plane, int at, int height, int width, int oy, int ox, int padding, int block)
        where T : struct, IFloatingPointIeee754<T>
    {
        int top = oy - oy % block - padding, left = ox - ox % block - padding, side = block + 4;
        double sum = 0;
        for (int y = Math.Max(0, top); y < Math.Min(height, top + side); y++)
            for (int x = Math.Max(0, left); x < Math.Min(width, left + side); x++)
            {
                double v = double.CreateChecked(plane[at + y * width + x]);
                sum += v * v;
            }
        return Math.Sqrt(sum);
    }

    // ‖·‖₂ of the 5×5 weights of kernel f that see channel c (W is depth × C·25, column-major).
    private static double KernelNorm<T>(T[] weights, int f, int c, int depth) where T : struct, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int t = 0; t < 25; t++)
        {
            double v = double.CreateChecked(weights[f + (c * 25 + t) * depth]);
            sum += v * v;
        }
        return Math.Sqrt(sum);
    }

    private sealed class Accumulator
    {
        private double _abs, _relative, _overScale;

        public void Add(double expected, double scale, double actual)
        {
            double error = Math.Abs(actual - expected);
            _abs = Math.Max(_abs, error);
            if (expected != 0) _relative = Math.Max(_relative, error / Math.Abs(expected));
            if (scale > 0) _overScale = Math.Max(_overScale, error / scale);
            else Assert.Equal(0, actual);
        }

        public Errors Result => new(_abs, _relative, _overScale);
    }

    private static T[] Kernels<T>(T[] weights, in ConvGeometry g, int depth) where T : struct, IFloatingPointIeee754<T>
    {
        var kernels = new T[WinogradConv.KernelsLength<T>(g, depth)];
        WinogradConv.TransformKernels<T>(weights, g, depth, kernels);
        return kernels;
    }

    private static T[] Random<T>(int length, Rng rng) where T : struct, IFloatingPointIeee754<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++) values[i] = T.CreateChecked(rng.NextGaussian());
        return values;
    }
}
