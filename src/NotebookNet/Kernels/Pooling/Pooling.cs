using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
            if (typeof(T) == typeof(float) && Avx2.IsSupported && 2 * g.OutWidth >= 16)
                MaxForward2x2Avx2(MemoryMarshal.Cast<T, float>(image), g, MemoryMarshal.Cast<T, float>(output), argMax);
            else if (typeof(T) == typeof(float) && Avx2.IsSupported && 2 * g.OutWidth >= 8)
                MaxForward2x2Avx2Narrow(MemoryMarshal.Cast<T, float>(image), g, MemoryMarshal.Cast<T, float>(output), argMax);
            else
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                    int pick = 2 * ox + Bit(right > left | T.IsNaN(right));
                    Unsafe.Add(ref y, o + ox) = Unsafe.Add(ref vmax, pick);
                    // "> 0" compiles to a flag set; "≠ 0" would branch on the unordered case.
                    Unsafe.Add(ref am, o + ox) = top + pick + w * Bit(Unsafe.Add(ref below, pick) > T.Zero);
                }
            }
    }

    [ThreadStatic] private static object? t_rows;

    // The float CNN's case, 8 windows per step with AVX2: vertical maxima of two rows of 16 values, then the
    // even and odd columns separated (shuffle, then a 64-bit permute restores their order) and compared.
    // The winner's index is assembled from the two comparison masks. Rows whose last step would run past the
    // row redo a few windows with an overlapping step instead of a scalar tail.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxForward2x2Avx2(ReadOnlySpan<float> image, in ConvGeometry g, Span<float> output, Span<int> argMax)
    {
        int h = g.Height, w = g.Width, oh = g.OutHeight, ow = g.OutWidth, span = 2 * ow;
        if (image.Length < g.ImageSize || output.Length < g.Channels * oh * ow || argMax.Length < g.Channels * oh * ow || span < 16)
            throw new ArgumentException($"MaxPooling 2x2 of {g.Channels}x{h}x{w}: buffers too small.");
        ref float x = ref MemoryMarshal.GetReference(image);
        ref float y = ref MemoryMarshal.GetReference(output);
        ref int am = ref MemoryMarshal.GetReference(argMax);
        var lanes = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        var one = Vector256.Create(1);
        var width = Vector256.Create(w);
        int o = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int oy = 0; oy < oh; oy++, o += ow)
            {
                int top = (c * h + 2 * oy) * w;
                ref float t = ref Unsafe.Add(ref x, top);
                ref float b = ref Unsafe.Add(ref t, w);
                for (int j = 0; ; j += 16)
                {
                    if (j > span - 16) j = span - 16;
                    var t0 = Vector256.LoadUnsafe(ref t, (nuint)j);
                    var t1 = Vector256.LoadUnsafe(ref t, (nuint)(j + 8));
                    var b0 = Vector256.LoadUnsafe(ref b, (nuint)j);
                    var b1 = Vector256.LoadUnsafe(ref b, (nuint)(j + 8));
                    // "Below wins" where it is larger or NaN (b ≠ b), so NaN is passed on.
                    var d0 = Avx.CompareGreaterThan(b0, t0) | Avx.CompareNotEqual(b0, b0);
                    var d1 = Avx.CompareGreaterThan(b1, t1) | Avx.CompareNotEqual(b1, b1);
                    var v0 = Avx.BlendVariable(t0, b0, d0);
                    var v1 = Avx.BlendVariable(t1, b1, d1);
                    var even = Even(v0, v1);
                    var odd = Odd(v0, v1);
                    var right = Avx.CompareGreaterThan(odd, even) | Avx.CompareNotEqual(odd, odd);
                    var max = Avx.BlendVariable(even, odd, right);
                    var down = Avx.BlendVariable(Even(d0, d1), Odd(d0, d1), right).AsInt32();
                    var index = Vector256.Create(top + j) + lanes + (right.AsInt32() & one) + (down & width);
                    int at = o + j / 2;
                    max.StoreUnsafe(ref y, (nuint)at);
                    index.StoreUnsafe(ref am, (nuint)at);
                    if (j == span - 16) break;
                }
            }
    }

    // Rows of 4 to 7 windows (the small CNN's second pooling, 11x11 → 5x5): the same steps on 8 values, 4 windows at a
    // time, the even and odd columns gathered within one vector; a row that is not a whole number of steps ends with
    // a step overlapping the previous one.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MaxForward2x2Avx2Narrow(ReadOnlySpan<float> image, in ConvGeometry g, Span<float> output, Span<int> argMax)
    {
        int h = g.Height, w = g.Width, oh = g.OutHeight, ow = g.OutWidth, span = 2 * ow;
        if (image.Length < g.ImageSize || output.Length < g.Channels * oh * ow || argMax.Length < g.Channels * oh * ow || span < 8)
            throw new ArgumentException($"MaxPooling 2x2 of {g.Channels}x{h}x{w}: buffers too small.");
        ref float x = ref MemoryMarshal.GetReference(image);
        ref float y = ref MemoryMarshal.GetReference(output);
        ref int am = ref MemoryMarshal.GetReference(argMax);
        var lanes = Vector128.Create(0, 2, 4, 6);
        var one = Vector128.Create(1);
        var width = Vector128.Create(w);
        int o = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int oy = 0; oy < oh; oy++, o += ow)
            {
                int top = (c * h + 2 * oy) * w;
                ref float t = ref Unsafe.Add(ref x, top);
                ref float b = ref Unsafe.Add(ref t, w);
                for (int j = 0; ; j += 8)
                {
                    if (j > span - 8) j = span - 8;
                    var t0 = Vector256.LoadUnsafe(ref t, (nuint)j);
                    var b0 = Vector256.LoadUnsafe(ref b, (nuint)j);
                    var d0 = Avx.CompareGreaterThan(b0, t0) | Avx.CompareNotEqual(b0, b0);
                    var v0 = Avx.BlendVariable(t0, b0, d0);
                    var even = Even(v0, v0).GetLower();
                    var odd = Odd(v0, v0).GetLower();
                    var right = Sse.CompareGreaterThan(odd, even) | Sse.CompareNotEqual(odd, odd);
                    var max = Sse41.BlendVariable(even, odd, right);
                    var down = Sse41.BlendVariable(Even(d0, d0).GetLower(), Odd(d0, d0).GetLower(), right).AsInt32();
                    var index = Vector128.Create(top + j) + lanes + (right.AsInt32() & one) + (down & width);
                    int at = o + j / 2;
                    max.StoreUnsafe(ref y, (nuint)at);
                    index.StoreUnsafe(ref am, (nuint)at);
                    if (j == span - 8) break;
                }
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Even(Vector256<float> a, Vector256<float> b) =>
        Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Odd(Vector256<float> a, Vector256<float> b) =>
        Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bit(bool value) => value ? 1 : 0;

    /// <summary>
    /// Adds each output gradient to the input position that won its window; clear <paramref name="inputGradient"/> first.
    /// When no two windows share a pixel (<paramref name="disjoint"/>: size ≤ stride) each winner gets one gradient,
    /// which is stored rather than added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MaxBackward<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<int> argMax, Span<T> inputGradient, bool disjoint = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (argMax.Length < outputGradient.Length) throw new ArgumentException("MaxBackward: fewer indices than gradients.");
        if (disjoint)
            for (int o = 0; o < outputGradient.Length; o++) inputGradient[argMax[o]] = outputGradient[o];
        else
            for (int o = 0; o < outputGradient.Length; o++) inputGradient[argMax[o]] += outputGradient[o];
    }
}
