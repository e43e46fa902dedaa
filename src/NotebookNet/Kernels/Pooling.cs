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

    // The common 2x2 window, in two sweeps per output row: the vertical maximum of the two input rows a vector
    // at a time (remembering which row won), then the horizontal maximum of each pair with 0/1 comparison
    // results used as offsets, so nothing depends on a branch (random data would mispredict half of them).
    // NaN wins both comparisons, so it reaches the loss.
    private static void MaxForward2x2<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> output, Span<int> argMax)
        where T : struct, IFloatingPointIeee754<T>
    {
        int h = g.Height, w = g.Width, oh = g.OutHeight, ow = g.OutWidth, span = 2 * ow;
        if (image.Length < g.ImageSize || output.Length < g.Channels * oh * ow || argMax.Length < g.Channels * oh * ow)
            throw new ArgumentException($"MaxPooling 2x2 of {g.Channels}x{h}x{w}: buffers too small.");
        var scratch = t_rows as T[];
        if (scratch is null || scratch.Length < 2 * span)
            t_rows = scratch = new T[2 * span];
        ref T x = ref MemoryMarshal.GetReference(image);
        ref T y = ref MemoryMarshal.GetReference(output);
        ref int am = ref MemoryMarshal.GetReference(argMax);
        ref T vmax = ref scratch[0];
        ref T below = ref scratch[span];
        int vc = Vector<T>.Count, o = 0;
        bool vectors = Vector.IsHardwareAccelerated && Vector<T>.IsSupported;
        for (int c = 0; c < g.Channels; c++)
            for (int oy = 0; oy < oh; oy++, o += ow)
            {
                int top = (c * h + 2 * oy) * w;
                ref T t = ref Unsafe.Add(ref x, top);
                ref T b = ref Unsafe.Add(ref t, w);
                int j = 0;
                if (vectors && span >= vc)
                {
                    // Whole vectors, the last one overlapping its neighbour rather than a scalar tail.
                    for (; ; j += vc)
                    {
                        if (j > span - vc) j = span - vc;
                        var tv = Vector.LoadUnsafe(ref t, (nuint)j);
                        var bv = Vector.LoadUnsafe(ref b, (nuint)j);
                        var mask = Vector.GreaterThan(bv, tv) | ~Vector.Equals(bv, bv);
                        Vector.ConditionalSelect(mask, bv, tv).StoreUnsafe(ref vmax, (nuint)j);
                        Vector.ConditionalSelect(mask, Vector<T>.One, Vector<T>.Zero).StoreUnsafe(ref below, (nuint)j);
                        if (j == span - vc) break;
                    }
                    j = span;
                }
                for (; j < span; j++)
                {
                    T tj = Unsafe.Add(ref t, j), bj = Unsafe.Add(ref b, j);
                    bool down = bj > tj || T.IsNaN(bj);
                    Unsafe.Add(ref vmax, j) = down ? bj : tj;
                    Unsafe.Add(ref below, j) = down ? T.One : T.Zero;
                }
                for (int ox = 0; ox < ow; ox++)
                {
                    T left = Unsafe.Add(ref vmax, 2 * ox), right = Unsafe.Add(ref vmax, 2 * ox + 1);
                    int pick = 2 * ox + Bit(right > left | right != right);
                    Unsafe.Add(ref y, o + ox) = Unsafe.Add(ref vmax, pick);
                    // "> 0" compiles to a flag set; "≠ 0" would branch on the unordered case.
                    Unsafe.Add(ref am, o + ox) = top + pick + w * Bit(Unsafe.Add(ref below, pick) > T.Zero);
                }
            }
    }

    [ThreadStatic] private static object? t_rows;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool value) => value ? 1 : 0;

    /// <summary>Adds each output gradient to the input position that won its window; clear <paramref name="inputGradient"/> first.</summary>
    public static void MaxBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<int> argMax, Span<T> inputGradient)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (argMax.Length < outputGradient.Length) throw new ArgumentException("MaxBackward: fewer indices than gradients.");
        for (int o = 0; o < outputGradient.Length; o++) inputGradient[argMax[o]] += outputGradient[o];
    }
}
