using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
            MaxForward2x2(image, g, output, argMax);
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

    // The common 2x2 window: compare-and-select without branches (random data makes branches mispredict
    // half the time); a NaN anywhere in the window is passed on explicitly.
    private static void MaxForward2x2<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> output, Span<int> argMax)
        where T : struct, IFloatingPointIeee754<T>
    {
        int h = g.Height, w = g.Width, oh = g.OutHeight, ow = g.OutWidth;
        if (image.Length < g.ImageSize || output.Length < g.Channels * oh * ow || argMax.Length < g.Channels * oh * ow)
            throw new ArgumentException($"MaxPooling 2x2 of {g.Channels}x{h}x{w}: buffers too small.");
        ref T x = ref MemoryMarshal.GetReference(image);
        ref T y = ref MemoryMarshal.GetReference(output);
        ref int am = ref MemoryMarshal.GetReference(argMax);
        int o = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int oy = 0; oy < oh; oy++)
            {
                int top = (c * h + 2 * oy) * w;
                for (int ox = 0; ox < ow; ox++, o++)
                {
                    int i = top + 2 * ox;
                    // Indices are chosen with 0/1 comparison results and the values loaded from them,
                    // so nothing depends on a branch.
                    int iu = i + Bit(Unsafe.Add(ref x, i + 1) > Unsafe.Add(ref x, i));
                    int il = i + w + Bit(Unsafe.Add(ref x, i + w + 1) > Unsafe.Add(ref x, i + w));
                    int best = iu + (il - iu) * Bit(Unsafe.Add(ref x, il) > Unsafe.Add(ref x, iu));
                    T max = Unsafe.Add(ref x, best);
                    if ((Bit(T.IsNaN(Unsafe.Add(ref x, i))) | Bit(T.IsNaN(Unsafe.Add(ref x, i + 1))) |
                         Bit(T.IsNaN(Unsafe.Add(ref x, i + w))) | Bit(T.IsNaN(Unsafe.Add(ref x, i + w + 1)))) != 0)
                        max = T.NaN;
                    Unsafe.Add(ref y, o) = max;
                    Unsafe.Add(ref am, o) = best;
                }
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool value) => Unsafe.As<bool, byte>(ref value);

    /// <summary>Adds each output gradient to the input position that won its window; clear <paramref name="inputGradient"/> first.</summary>
    public static void MaxBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<int> argMax, Span<T> inputGradient)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (argMax.Length < outputGradient.Length) throw new ArgumentException("MaxBackward: fewer indices than gradients.");
        for (int o = 0; o < outputGradient.Length; o++) inputGradient[argMax[o]] += outputGradient[o];
    }
}
