using System.Numerics;

namespace NotebookNet.Kernels;

/// <summary>Max pooling over one CHW image, remembering where each maximum came from.</summary>
public static class Pooling
{
    /// <summary>
    /// Writes the maximum of each window to <paramref name="output"/> (C·OutHeight·OutWidth) and its index in
    /// <paramref name="image"/> to <paramref name="argMax"/>. A NaN in a window wins, so it reaches the loss.
    /// </summary>
    public static void MaxForward<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> output, Span<int> argMax)
        where T : struct, IFloatingPointIeee754<T>
    {
        int h = g.Height, w = g.Width, k = g.KernelSize, s = g.Stride, oh = g.OutHeight, ow = g.OutWidth;
        int o = 0;
        if (k == 2 && s == 2 && g.Padding == 0)
        {
            for (int c = 0; c < g.Channels; c++)
            {
                int plane = c * h * w;
                for (int oy = 0; oy < oh; oy++)
                {
                    int top = plane + 2 * oy * w;
                    for (int ox = 0; ox < ow; ox++, o++)
                    {
                        int i0 = top + 2 * ox, i1 = i0 + 1, i2 = i0 + w, i3 = i2 + 1;
                        int best = i0;
                        T max = image[i0];
                        if (image[i1] > max || T.IsNaN(image[i1])) { best = i1; max = image[i1]; }
                        if (image[i2] > max || T.IsNaN(image[i2])) { best = i2; max = image[i2]; }
                        if (image[i3] > max || T.IsNaN(image[i3])) { best = i3; max = image[i3]; }
                        output[o] = max;
                        argMax[o] = best;
                    }
                }
            }
            return;
        }
        for (int c = 0; c < g.Channels; c++)
        {
            int plane = c * h * w;
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++, o++)
                {
                    int best = -1;
                    T max = T.NegativeInfinity;
                    for (int ki = 0; ki < k; ki++)
                    {
                        int iy = oy * s + ki - g.Padding;
                        if ((uint)iy >= (uint)h) continue;
                        for (int kj = 0; kj < k; kj++)
                        {
                            int ix = ox * s + kj - g.Padding;
                            if ((uint)ix >= (uint)w) continue;
                            int i = plane + iy * w + ix;
                            if (best < 0 || image[i] > max || (T.IsNaN(image[i]) && !T.IsNaN(max)))
                            {
                                best = i;
                                max = image[i];
                            }
                        }
                    }
                    output[o] = max;
                    argMax[o] = best;
                }
        }
    }

    /// <summary>Adds each output gradient to the input position that won its window; clear <paramref name="inputGradient"/> first.</summary>
    public static void MaxBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<int> argMax, Span<T> inputGradient)
        where T : struct, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outputGradient.Length; o++) inputGradient[argMax[o]] += outputGradient[o];
    }
}
