using NotebookNet.Kernels;

namespace NotebookNet.Tests.Kernels;

/// <summary>
/// Winograd's transforms (and the products between them) give the same bits in 512-bit lanes as in 256-bit ones, so
/// LeNet-5 trains to the same digits with and without AVX-512: each convolution runs with <see cref="Simd.Wide"/> off,
/// then on, and every element must match. On a machine without AVX-512 both runs are the 256-bit ones.
/// </summary>
[Collection(nameof(KernelWidth))]
public class WinogradWidthTests
{
    [Theory]
    [InlineData(32, 14, 14, 2, 64)] // LeNet-5's second layer: whole 512-bit lanes of channels and kernels
    [InlineData(16, 11, 13, 1, 48)] // an odd size, lanes of 16 and 48
    [InlineData(24, 9, 9, 2, 40)]   // channels and kernels that fill 256-bit lanes only
    [InlineData(16, 2, 6, 2, 32)]   // outputs two rows high: F(2×2, 5×5)
    public void Forward_and_weight_gradient_have_the_same_bits_at_both_widths(int c, int h, int w, int pad, int depth)
    {
        var g = new ConvGeometry(c, h, w, 5, 1, pad);
        if (!WinogradConv.Supports<float>(g)) return;
        const int images = 3;
        var rng = new Rng(21);
        var x = Random(images * g.ImageSize, rng);
        var dy = Random(images * g.Positions * depth, rng);
        var weights = Random(depth * g.PatchSize, rng);
        var bias = Random(depth, rng);
        var (y0, dw0) = Run(false);
        var (y1, dw1) = Run(true);
        Assert.Equal(y0, y1);
        Assert.Equal(dw0, dw1);

        (float[] Y, float[] Dw) Run(bool wide)
        {
            bool before = Simd.Wide;
            try
            {
                Simd.Wide = wide;
                var kernels = new float[WinogradConv.KernelsLength<float>(g, depth)];
                WinogradConv.TransformKernels<float>(weights, g, depth, kernels);
                var y = new float[images * g.Positions * depth];
                WinogradConv.Forward<float>(x, g, kernels, depth, bias, y, images, new float[WinogradConv.WorkspaceLength<float>(g, depth, images)]);
                var dw = new float[depth * g.PatchSize];
                WinogradConv.AddWeightGradient<float>(x, dy, g, depth, images, dw,
                    new float[WinogradConv.WeightGradientWorkspaceLength<float>(g, depth, images)]);
                return (y, dw);
            }
            finally { Simd.Wide = before; }
        }
    }

    private static float[] Random(int length, Rng rng)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)rng.NextGaussian();
        return values;
    }
}
