using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// Stride-1 convolution computed straight from the image, for layers so small (the small CNN's) that writing the
/// column matrix, packing it for a GEMM and scattering it back cost more than the products. Each image is copied
/// once into a zero-bordered buffer (<see cref="Pad"/>); output row <c>oy</c> is then computed on the padded
/// image's own grid, <see cref="DirectGrid.PaddedWidth"/> values per row of which the first
/// <c>OutWidth</c> are kept, so that for every tap (c, ki, kj) the input the outputs need is one contiguous run of
/// the padded image, shifted by <c>c·plane + ki·width + kj</c>: no im2col, and whole vectors everywhere.
/// <para>
/// The forward product and ∂L/∂x (<see cref="Forward{TLanes}"/>, the latter on ∂L/∂Y with the flipped kernels) give
/// every lane its own output, summed over the taps in order from the bias: the same bits at any vector width.
/// ∂L/∂W (<see cref="WeightGradient{TLanes}"/>) sums over positions, so it keeps <see cref="PartialSums"/> partial
/// sums per weight, position q going to partial sum q mod 16 at either width, and <see cref="ReduceWeightGradient"/>
/// adds them in a fixed order.
/// </para>
/// </summary>
internal static class DirectConv
{
    /// <summary>Partial sums per weight in <see cref="WeightGradient{TLanes}"/>: the widest vector's lanes.</summary>
    public const int PartialSums = 16;

    /// <summary>
    /// Whether the JIT has 32 vector registers (AVX-512's encoding, at any width) rather than 16: the blocks of
    /// outputs each kernel keeps in registers are sized by it. The blocking never changes a lane's order of operations.
    /// </summary>
    public static bool ManyRegisters => Avx512F.IsSupported;

    /// <summary>
    /// Whether these kernels handle <paramref name="g"/>: float on AVX2/FMA, stride 1, and a padding under the kernel
    /// size (so ∂L/∂x is itself such a convolution).
    /// </summary>
    public static bool Supports(in ConvGeometry g) =>
        Simd.IsSupported && g.Stride == 1 && g.Padding < g.KernelSize && g.OutHeight > 0 && g.OutWidth > 0;

    /// <summary>Copies one CHW image into <paramref name="padded"/> (<see cref="DirectGrid.PaddedLength"/>) with a zero border and zero slack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pad(ReadOnlySpan<float> image, DirectGrid grid, Span<float> padded)
    {
        var g = grid.Geometry;
        if (image.Length < g.ImageSize || padded.Length < grid.PaddedLength)
            throw new ArgumentException($"DirectConv.Pad: a padded {g.Channels}x{g.Height}x{g.Width} image needs {g.ImageSize} values and {grid.PaddedLength} places, got {image.Length} and {padded.Length}.");
        int p = g.Padding, planes = g.Channels * (g.Height + 2 * p) * grid.PaddedWidth;
        // Wide rows read past the last plane; the slack is zero so ∂L/∂W's zero-weighted lanes stay finite.
        if (p == 0)
        {
            image[..g.ImageSize].CopyTo(padded);
            padded[planes..grid.PaddedLength].Clear();
            return;
        }
        padded[..grid.PaddedLength].Clear();
        int plane = (g.Height + 2 * p) * grid.PaddedWidth;
        ref float src = ref MemoryMarshal.GetReference(image);
        ref float dst = ref MemoryMarshal.GetReference(padded);
        for (int c = 0; c < g.Channels; c++)
            CopyRows(ref Unsafe.Add(ref src, c * g.Height * g.Width), g.Width,
                ref Unsafe.Add(ref dst, c * plane + p * grid.PaddedWidth + p), grid.PaddedWidth, g.Height, g.Width, g.Width);
    }

    /// <summary>
    /// Writes <paramref name="dy"/> (depth × OutHeight·OutWidth) on the wide grid, depth × <see cref="DirectGrid.WideLength"/>,
    /// with zeros at the positions that are not outputs, for <see cref="WeightGradient{TLanes}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Widen(ReadOnlySpan<float> dy, DirectGrid grid, int depth, Span<float> wide)
    {
        var g = grid.Geometry;
        int oh = g.OutHeight, ow = g.OutWidth, wp = grid.PaddedWidth, length = grid.WideLength;
        if (dy.Length < depth * oh * ow || wide.Length < depth * length)
            throw new ArgumentException($"DirectConv.Widen: {depth} maps of {oh}x{ow} need {depth * oh * ow} and {depth * length} values, got {dy.Length} and {wide.Length}.");
        ref float src = ref MemoryMarshal.GetReference(dy);
        ref float dst = ref MemoryMarshal.GetReference(wide);
        for (int f = 0; f < depth; f++)
        {
            ref float map = ref Unsafe.Add(ref dst, f * length);
            CopyRows(ref Unsafe.Add(ref src, f * oh * ow), ow, ref map, wp, oh, ow, wp);
            for (int q = oh * wp; q < length; q++) Unsafe.Add(ref map, q) = 0;
        }
    }

    /// <summary>
    /// Copies <paramref name="rows"/> rows of <paramref name="width"/> values and writes zeros after each up to
    /// <paramref name="fill"/> values; nothing else of either buffer is read or written. With AVX-512 a row is a few
    /// masked moves (rows are 11 to 28 values, where a call per row, or a scalar tail, costs more than the copy).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void CopyRows(ref float src, int srcStride, ref float dst, int dstStride, int rows, int width, int fill)
    {
        if (Simd.Wide)
        {
            fixed (float* s0 = &src, d0 = &dst)
            {
                for (int row = 0; row < rows; row++)
                {
                    float* s = s0 + (nint)row * srcStride, d = d0 + (nint)row * dstStride;
                    for (int i = 0; i < fill; i += 16)
                    {
                        var keep = Lanes(width - i);
                        var values = Avx512F.MaskLoad(s + i, keep, Vector512<float>.Zero);
                        Avx512F.MaskStore(d + i, Lanes(fill - i), values);
                    }
                }
            }
            return;
        }
        for (int row = 0; row < rows; row++)
        {
            ref float d = ref Unsafe.Add(ref dst, row * dstStride);
            Im2Col.Copy(ref Unsafe.Add(ref src, row * srcStride), ref d, width);
            for (int i = width; i < fill; i++) Unsafe.Add(ref d, i) = 0;
        }
    }

    // A mask of the first min(count, 16) lanes (none when count ≤ 0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Lanes(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();

    /// <summary>
    /// y (depth × OutHeight·OutWidth, CHW) = W ⋆ padded + bias for one image, with W (depth × C·k·k) column-major
    /// as <c>Convolutional</c> keeps it; an empty <paramref name="bias"/> means zero. <paramref name="wide"/>
    /// (depth × <see cref="DirectGrid.WideLength"/>) is scratch for the rows before the extra columns are dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<TLanes>(ReadOnlySpan<float> padded, DirectGrid grid, ReadOnlySpan<float> weights,
        ReadOnlySpan<float> bias, int depth, Span<float> wide, Span<float> y) where TLanes : struct, ILanes<TLanes>
    {
        var g = grid.Geometry;
        int patch = g.PatchSize, length = grid.WideLength, vc = TLanes.Count;
        if (padded.Length < grid.PaddedLength || weights.Length < depth * patch || (!bias.IsEmpty && bias.Length < depth)
            || wide.Length < depth * length || y.Length < depth * g.Positions)
            throw new ArgumentException("DirectConv.Forward: buffers smaller than the shapes.");
        var offsets = grid.Offsets;
        ref float x = ref MemoryMarshal.GetReference(padded);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float o = ref MemoryMarshal.GetReference(wide);
        ref int off = ref MemoryMarshal.GetArrayDataReference(offsets);
        int f = 0;
        for (; f <= depth - 8; f += 8)
        {
            int q = 0;
            // Blocks as large as the vector registers allow: 32 of them with AVX-512 (at either width), 16 with AVX2 alone.
            if (vc == PartialSums)
                for (; q <= length - 3 * vc; q += 3 * vc)
                    Block8x3<TLanes>(ref x, ref off, patch, ref Unsafe.Add(ref w, f), depth, bias, f, ref o, length, q);
            if (ManyRegisters)
                for (; q <= length - 2 * vc; q += 2 * vc)
                    Block8x2<TLanes>(ref x, ref off, patch, ref Unsafe.Add(ref w, f), depth, bias, f, ref o, length, q);
            for (; q < length; q += vc)
                Block8x1<TLanes>(ref x, ref off, patch, ref Unsafe.Add(ref w, f), depth, bias, f, ref o, length, q);
        }
        for (; f < depth; f++)
        {
            var b = TLanes.Broadcast(bias.IsEmpty ? 0f : bias[f]);
            ref float wf = ref Unsafe.Add(ref w, f);
            for (int q = 0; q < length; q += vc)
            {
                var a = b;
                for (int r = 0; r < patch; r++)
                    a = TLanes.MulAdd(TLanes.Load(ref x, (nuint)(Unsafe.Add(ref off, r) + q)), TLanes.Broadcast(Unsafe.Add(ref wf, r * depth)), a);
                a.Store(ref o, (nuint)(f * length + q));
            }
        }
        int oh = g.OutHeight, ow = g.OutWidth;
        ref float yf = ref MemoryMarshal.GetReference(y);
        for (f = 0; f < depth; f++)
            CopyRows(ref Unsafe.Add(ref o, f * length), grid.PaddedWidth, ref Unsafe.Add(ref yf, f * oh * ow), ow, oh, ow, ow);
    }

    // Eight kernels on two vectors of positions: sixteen independent chains, each column vector loaded once for
    // eight kernels and each weight once for two vectors.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block8x2<TLanes>(ref float x, ref int off, int patch, ref float w, int depth, ReadOnlySpan<float> bias,
        int f, ref float o, int length, int q) where TLanes : struct, ILanes<TLanes>
    {
        int vc = TLanes.Count;
        TLanes a0, a1, a2, a3, a4, a5, a6, a7;
        if (bias.IsEmpty)
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = TLanes.Zero;
        else
        {
            a0 = TLanes.Broadcast(bias[f]); a1 = TLanes.Broadcast(bias[f + 1]);
            a2 = TLanes.Broadcast(bias[f + 2]); a3 = TLanes.Broadcast(bias[f + 3]);
            a4 = TLanes.Broadcast(bias[f + 4]); a5 = TLanes.Broadcast(bias[f + 5]);
            a6 = TLanes.Broadcast(bias[f + 6]); a7 = TLanes.Broadcast(bias[f + 7]);
        }
        TLanes c0 = a0, c1 = a1, c2 = a2, c3 = a3, c4 = a4, c5 = a5, c6 = a6, c7 = a7;
        for (int r = 0; r < patch; r++)
        {
            ref float xr = ref Unsafe.Add(ref x, Unsafe.Add(ref off, r) + q);
            var x0 = TLanes.Load(ref xr, 0);
            var x1 = TLanes.Load(ref xr, (nuint)vc);
            ref float wr = ref Unsafe.Add(ref w, r * depth);
            var wv = TLanes.Broadcast(wr);
            a0 = TLanes.MulAdd(x0, wv, a0); c0 = TLanes.MulAdd(x1, wv, c0);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 1));
            a1 = TLanes.MulAdd(x0, wv, a1); c1 = TLanes.MulAdd(x1, wv, c1);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 2));
            a2 = TLanes.MulAdd(x0, wv, a2); c2 = TLanes.MulAdd(x1, wv, c2);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 3));
            a3 = TLanes.MulAdd(x0, wv, a3); c3 = TLanes.MulAdd(x1, wv, c3);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 4));
            a4 = TLanes.MulAdd(x0, wv, a4); c4 = TLanes.MulAdd(x1, wv, c4);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 5));
            a5 = TLanes.MulAdd(x0, wv, a5); c5 = TLanes.MulAdd(x1, wv, c5);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 6));
            a6 = TLanes.MulAdd(x0, wv, a6); c6 = TLanes.MulAdd(x1, wv, c6);
            wv = TLanes.Broadcast(Unsafe.Add(ref wr, 7));
            a7 = TLanes.MulAdd(x0, wv, a7); c7 = TLanes.MulAdd(x1, wv, c7);
        }
        ref float of = ref Unsafe.Add(ref o, f * length + q);
        a0.Store(ref of, 0); c0.Store(ref of, (nuint)vc);
        a1.Store(ref of, (nuint)length); c1.Store(ref of, (nuint)(length + vc));
        a2.Store(ref of, (nuint)(2 * length)); c2.Store(ref of, (nuint)(2 * length + vc));
        a3.Store(ref of, (nuint)(3 * length)); c3.Store(ref of, (nuint)(3 * length + vc));
        a4.Store(ref of, (nuint)(4 * length)); c4.Store(ref of, (nuint)(4 * length + vc));
        a5.Store(ref of, (nuint)(5 * length)); c5.Store(ref of, (nuint)(5 * length + vc));
        a6.Store(ref of, (nuint)(6 * length)); c6.Store(ref of, (nuint)(6 * length + vc));
        a7.Store(ref of, (nuint)(7 * length)); c7.Store(ref of, (nuint)(7 * length + vc));
    }

    // Eight kernels on three vectors of positions, for 32 registers (AVX-512): each weight is broadcast once for
    // three column vectors, which keeps the loads (unaligned, so often split across cache lines) under the multiply-adds.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block8x3<TLanes>(ref float x, ref int off, int patch, ref float w, int depth, ReadOnlySpan<float> bias,
        int f, ref float o, int length, int q) where TLanes : struct, ILanes<TLanes>
    {
        int vc = TLanes.Count;
        TLanes a0, a1, a2, a3, a4, a5, a6, a7;
        if (bias.IsEmpty)
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = TLanes.Zero;
        else
        {
            a0 = TLanes.Broadcast(bias[f]); a1 = TLanes.Broadcast(bias[f + 1]);
            a2 = TLanes.Broadcast(bias[f + 2]); a3 = TLanes.Broadcast(bias[f + 3]);
            a4 = TLanes.Broadcast(bias[f + 4]); a5 = TLanes.Broadcast(bias[f + 5]);
            a6 = TLanes.Broadcast(bias[f + 6]); a7 = TLanes.Broadcast(bias[f + 7]);
        }
        TLanes c0 = a0, c1 = a1, c2 = a2, c3 = a3, c4 = a4, c5 = a5, c6 = a6, c7 = a7;
        TLanes e0 = a0, e1 = a1, e2 = a2, e3 = a3, e4 = a4, e5 = a5, e6 = a6, e7 = a7;
        for (int r = 0; r < patch; r++)
        {
            ref float xr = ref Unsafe.Add(ref x, Unsafe.Add(ref off, r) + q);
            var x0 = TLanes.Load(ref xr, 0);
            var x1 = TLanes.Load(ref xr, (nuint)vc);
            var x2 = TLanes.Load(ref xr, (nuint)(2 * vc));
            ref float wr = ref Unsafe.Add(ref w, r * depth);
            var w0 = TLanes.Broadcast(wr);
            a0 = TLanes.MulAdd(x0, w0, a0); c0 = TLanes.MulAdd(x1, w0, c0); e0 = TLanes.MulAdd(x2, w0, e0);
            var w1 = TLanes.Broadcast(Unsafe.Add(ref wr, 1));
            a1 = TLanes.MulAdd(x0, w1, a1); c1 = TLanes.MulAdd(x1, w1, c1); e1 = TLanes.MulAdd(x2, w1, e1);
            var w2 = TLanes.Broadcast(Unsafe.Add(ref wr, 2));
            a2 = TLanes.MulAdd(x0, w2, a2); c2 = TLanes.MulAdd(x1, w2, c2); e2 = TLanes.MulAdd(x2, w2, e2);
            var w3 = TLanes.Broadcast(Unsafe.Add(ref wr, 3));
            a3 = TLanes.MulAdd(x0, w3, a3); c3 = TLanes.MulAdd(x1, w3, c3); e3 = TLanes.MulAdd(x2, w3, e3);
            var w4 = TLanes.Broadcast(Unsafe.Add(ref wr, 4));
            a4 = TLanes.MulAdd(x0, w4, a4); c4 = TLanes.MulAdd(x1, w4, c4); e4 = TLanes.MulAdd(x2, w4, e4);
            var w5 = TLanes.Broadcast(Unsafe.Add(ref wr, 5));
            a5 = TLanes.MulAdd(x0, w5, a5); c5 = TLanes.MulAdd(x1, w5, c5); e5 = TLanes.MulAdd(x2, w5, e5);
            var w6 = TLanes.Broadcast(Unsafe.Add(ref wr, 6));
            a6 = TLanes.MulAdd(x0, w6, a6); c6 = TLanes.MulAdd(x1, w6, c6); e6 = TLanes.MulAdd(x2, w6, e6);
            var w7 = TLanes.Broadcast(Unsafe.Add(ref wr, 7));
            a7 = TLanes.MulAdd(x0, w7, a7); c7 = TLanes.MulAdd(x1, w7, c7); e7 = TLanes.MulAdd(x2, w7, e7);
        }
        ref float of = ref Unsafe.Add(ref o, f * length + q);
        a0.Store(ref of, (nuint)(0 * length)); c0.Store(ref of, (nuint)(0 * length + vc)); e0.Store(ref of, (nuint)(0 * length + 2 * vc));
        a1.Store(ref of, (nuint)(1 * length)); c1.Store(ref of, (nuint)(1 * length + vc)); e1.Store(ref of, (nuint)(1 * length + 2 * vc));
        a2.Store(ref of, (nuint)(2 * length)); c2.Store(ref of, (nuint)(2 * length + vc)); e2.Store(ref of, (nuint)(2 * length + 2 * vc));
        a3.Store(ref of, (nuint)(3 * length)); c3.Store(ref of, (nuint)(3 * length + vc)); e3.Store(ref of, (nuint)(3 * length + 2 * vc));
        a4.Store(ref of, (nuint)(4 * length)); c4.Store(ref of, (nuint)(4 * length + vc)); e4.Store(ref of, (nuint)(4 * length + 2 * vc));
        a5.Store(ref of, (nuint)(5 * length)); c5.Store(ref of, (nuint)(5 * length + vc)); e5.Store(ref of, (nuint)(5 * length + 2 * vc));
        a6.Store(ref of, (nuint)(6 * length)); c6.Store(ref of, (nuint)(6 * length + vc)); e6.Store(ref of, (nuint)(6 * length + 2 * vc));
        a7.Store(ref of, (nuint)(7 * length)); c7.Store(ref of, (nuint)(7 * length + vc)); e7.Store(ref of, (nuint)(7 * length + 2 * vc));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Block8x1<TLanes>(ref float x, ref int off, int patch, ref float w, int depth, ReadOnlySpan<float> bias,
        int f, ref float o, int length, int q) where TLanes : struct, ILanes<TLanes>
    {
        TLanes a0, a1, a2, a3, a4, a5, a6, a7;
        if (bias.IsEmpty)
            a0 = a1 = a2 = a3 = a4 = a5 = a6 = a7 = TLanes.Zero;
        else
        {
            a0 = TLanes.Broadcast(bias[f]); a1 = TLanes.Broadcast(bias[f + 1]);
            a2 = TLanes.Broadcast(bias[f + 2]); a3 = TLanes.Broadcast(bias[f + 3]);
            a4 = TLanes.Broadcast(bias[f + 4]); a5 = TLanes.Broadcast(bias[f + 5]);
            a6 = TLanes.Broadcast(bias[f + 6]); a7 = TLanes.Broadcast(bias[f + 7]);
        }
        for (int r = 0; r < patch; r++)
        {
            var x0 = TLanes.Load(ref x, (nuint)(Unsafe.Add(ref off, r) + q));
            ref float wr = ref Unsafe.Add(ref w, r * depth);
            a0 = TLanes.MulAdd(x0, TLanes.Broadcast(wr), a0);
            a1 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 1)), a1);
            a2 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 2)), a2);
            a3 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 3)), a3);
            a4 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 4)), a4);
            a5 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 5)), a5);
            a6 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 6)), a6);
            a7 = TLanes.MulAdd(x0, TLanes.Broadcast(Unsafe.Add(ref wr, 7)), a7);
        }
        ref float of = ref Unsafe.Add(ref o, f * length + q);
        a0.Store(ref of, 0);
        a1.Store(ref of, (nuint)length);
        a2.Store(ref of, (nuint)(2 * length));
        a3.Store(ref of, (nuint)(3 * length));
        a4.Store(ref of, (nuint)(4 * length));
        a5.Store(ref of, (nuint)(5 * length));
        a6.Store(ref of, (nuint)(6 * length));
        a7.Store(ref of, (nuint)(7 * length));
    }

    /// <summary>
    /// Adds one image's ∂L/∂W and ∂L/∂b to <paramref name="sums"/>, <see cref="PartialSums"/> partial sums per value
    /// (<see cref="PartialSumsLength"/>): weight (f, r) at <c>(r·depth + f)·16</c>, bias f after the weights.
    /// <paramref name="dyWide"/> is ∂L/∂Y on the wide grid (<see cref="Widen"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient<TLanes>(ReadOnlySpan<float> padded, DirectGrid grid, ReadOnlySpan<float> dyWide,
        int depth, Span<float> sums) where TLanes : struct, ILanes<TLanes>
    {
        var g = grid.Geometry;
        int patch = g.PatchSize, length = grid.WideLength, vc = TLanes.Count;
        if (padded.Length < grid.PaddedLength || dyWide.Length < depth * length || sums.Length < PartialSumsLength(g, depth))
            throw new ArgumentException("DirectConv.WeightGradient: buffers smaller than the shapes.");
        ref float x = ref MemoryMarshal.GetReference(padded);
        ref float dy = ref MemoryMarshal.GetReference(dyWide);
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref int off = ref MemoryMarshal.GetArrayDataReference(grid.Offsets);
        // Lane set `sub` of every partial-sum block: the positions q ≡ sub·vc … sub·vc + vc − 1 (mod 16).
        for (int sub = 0; sub < PartialSums; sub += vc)
        {
            int f = 0;
            // With 32 vector registers (AVX-512) eight kernels at a time halve the partial sums' loads and stores.
            if (vc == PartialSums)
                for (; f <= depth - 8; f += 8)
                {
                    ref float g0 = ref Unsafe.Add(ref dy, f * length + sub);
                    int r = 0;
                    for (; r <= patch - 3; r += 3)
                        Gradient8x3<TLanes>(ref x, Unsafe.Add(ref off, r) + sub, Unsafe.Add(ref off, r + 1) + sub, Unsafe.Add(ref off, r + 2) + sub,
                            ref g0, length, ref Unsafe.Add(ref s, (r * depth + f) * PartialSums + sub), depth);
                    for (; r < patch; r++)
                        for (int i = 0; i < 8; i++)
                            Gradient1x1<TLanes>(ref Unsafe.Add(ref x, Unsafe.Add(ref off, r) + sub), ref Unsafe.Add(ref g0, i * length), length,
                                ref Unsafe.Add(ref s, (r * depth + f + i) * PartialSums + sub));
                }
            for (; f <= depth - 4; f += 4)
            {
                ref float g0 = ref Unsafe.Add(ref dy, f * length + sub);
                int r = 0;
                for (; r <= patch - 3; r += 3)
                    Gradient4x3<TLanes>(ref x, Unsafe.Add(ref off, r) + sub, Unsafe.Add(ref off, r + 1) + sub, Unsafe.Add(ref off, r + 2) + sub,
                        ref g0, length, ref Unsafe.Add(ref s, (r * depth + f) * PartialSums + sub), depth);
                for (; r < patch; r++)
                    for (int i = 0; i < 4; i++)
                        Gradient1x1<TLanes>(ref Unsafe.Add(ref x, Unsafe.Add(ref off, r) + sub), ref Unsafe.Add(ref g0, i * length), length,
                            ref Unsafe.Add(ref s, (r * depth + f + i) * PartialSums + sub));
            }
            for (; f < depth; f++)
                for (int r = 0; r < patch; r++)
                    Gradient1x1<TLanes>(ref Unsafe.Add(ref x, Unsafe.Add(ref off, r) + sub), ref Unsafe.Add(ref dy, f * length + sub), length,
                        ref Unsafe.Add(ref s, (r * depth + f) * PartialSums + sub));
            // ∂L/∂b: the sum of ∂L/∂Y, with the same partial sums (g + a is g·1 + a with one rounding).
            for (f = 0; f < depth; f++)
            {
                ref float sf = ref Unsafe.Add(ref s, (patch * depth + f) * PartialSums + sub);
                ref float gf = ref Unsafe.Add(ref dy, f * length + sub);
                var a = TLanes.Load(ref sf, 0);
                for (int q = 0; q < length; q += PartialSums) a = TLanes.Add(TLanes.Load(ref gf, (nuint)q), a);
                a.Store(ref sf, 0);
            }
        }
    }

    // Eight kernels × three taps: twenty-four partial-sum vectors, eleven loads per twenty-four multiply-adds.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Gradient8x3<TLanes>(ref float x, int o0, int o1, int o2, ref float dy, int length, ref float s, int depth)
        where TLanes : struct, ILanes<TLanes>
    {
        const int ps = PartialSums;
        int d = depth * ps;
        var a00 = TLanes.Load(ref s, (nuint)(0 * d + 0 * ps));
        var a10 = TLanes.Load(ref s, (nuint)(0 * d + 1 * ps));
        var a20 = TLanes.Load(ref s, (nuint)(0 * d + 2 * ps));
        var a30 = TLanes.Load(ref s, (nuint)(0 * d + 3 * ps));
        var a40 = TLanes.Load(ref s, (nuint)(0 * d + 4 * ps));
        var a50 = TLanes.Load(ref s, (nuint)(0 * d + 5 * ps));
        var a60 = TLanes.Load(ref s, (nuint)(0 * d + 6 * ps));
        var a70 = TLanes.Load(ref s, (nuint)(0 * d + 7 * ps));
        var a01 = TLanes.Load(ref s, (nuint)(1 * d + 0 * ps));
        var a11 = TLanes.Load(ref s, (nuint)(1 * d + 1 * ps));
        var a21 = TLanes.Load(ref s, (nuint)(1 * d + 2 * ps));
        var a31 = TLanes.Load(ref s, (nuint)(1 * d + 3 * ps));
        var a41 = TLanes.Load(ref s, (nuint)(1 * d + 4 * ps));
        var a51 = TLanes.Load(ref s, (nuint)(1 * d + 5 * ps));
        var a61 = TLanes.Load(ref s, (nuint)(1 * d + 6 * ps));
        var a71 = TLanes.Load(ref s, (nuint)(1 * d + 7 * ps));
        var a02 = TLanes.Load(ref s, (nuint)(2 * d + 0 * ps));
        var a12 = TLanes.Load(ref s, (nuint)(2 * d + 1 * ps));
        var a22 = TLanes.Load(ref s, (nuint)(2 * d + 2 * ps));
        var a32 = TLanes.Load(ref s, (nuint)(2 * d + 3 * ps));
        var a42 = TLanes.Load(ref s, (nuint)(2 * d + 4 * ps));
        var a52 = TLanes.Load(ref s, (nuint)(2 * d + 5 * ps));
        var a62 = TLanes.Load(ref s, (nuint)(2 * d + 6 * ps));
        var a72 = TLanes.Load(ref s, (nuint)(2 * d + 7 * ps));
        ref float x0 = ref Unsafe.Add(ref x, o0);
        ref float x1 = ref Unsafe.Add(ref x, o1);
        ref float x2 = ref Unsafe.Add(ref x, o2);
        for (int q = 0; q < length; q += ps)
        {
            var v0 = TLanes.Load(ref x0, (nuint)q);
            var v1 = TLanes.Load(ref x1, (nuint)q);
            var v2 = TLanes.Load(ref x2, (nuint)q);
            var g0 = TLanes.Load(ref dy, (nuint)(0 * length + q));
            a00 = TLanes.MulAdd(g0, v0, a00); a01 = TLanes.MulAdd(g0, v1, a01); a02 = TLanes.MulAdd(g0, v2, a02);
            var g1 = TLanes.Load(ref dy, (nuint)(1 * length + q));
            a10 = TLanes.MulAdd(g1, v0, a10); a11 = TLanes.MulAdd(g1, v1, a11); a12 = TLanes.MulAdd(g1, v2, a12);
            var g2 = TLanes.Load(ref dy, (nuint)(2 * length + q));
            a20 = TLanes.MulAdd(g2, v0, a20); a21 = TLanes.MulAdd(g2, v1, a21); a22 = TLanes.MulAdd(g2, v2, a22);
            var g3 = TLanes.Load(ref dy, (nuint)(3 * length + q));
            a30 = TLanes.MulAdd(g3, v0, a30); a31 = TLanes.MulAdd(g3, v1, a31); a32 = TLanes.MulAdd(g3, v2, a32);
            var g4 = TLanes.Load(ref dy, (nuint)(4 * length + q));
            a40 = TLanes.MulAdd(g4, v0, a40); a41 = TLanes.MulAdd(g4, v1, a41); a42 = TLanes.MulAdd(g4, v2, a42);
            var g5 = TLanes.Load(ref dy, (nuint)(5 * length + q));
            a50 = TLanes.MulAdd(g5, v0, a50); a51 = TLanes.MulAdd(g5, v1, a51); a52 = TLanes.MulAdd(g5, v2, a52);
            var g6 = TLanes.Load(ref dy, (nuint)(6 * length + q));
            a60 = TLanes.MulAdd(g6, v0, a60); a61 = TLanes.MulAdd(g6, v1, a61); a62 = TLanes.MulAdd(g6, v2, a62);
            var g7 = TLanes.Load(ref dy, (nuint)(7 * length + q));
            a70 = TLanes.MulAdd(g7, v0, a70); a71 = TLanes.MulAdd(g7, v1, a71); a72 = TLanes.MulAdd(g7, v2, a72);
        }
        a00.Store(ref s, (nuint)(0 * d + 0 * ps));
        a10.Store(ref s, (nuint)(0 * d + 1 * ps));
        a20.Store(ref s, (nuint)(0 * d + 2 * ps));
        a30.Store(ref s, (nuint)(0 * d + 3 * ps));
        a40.Store(ref s, (nuint)(0 * d + 4 * ps));
        a50.Store(ref s, (nuint)(0 * d + 5 * ps));
        a60.Store(ref s, (nuint)(0 * d + 6 * ps));
        a70.Store(ref s, (nuint)(0 * d + 7 * ps));
        a01.Store(ref s, (nuint)(1 * d + 0 * ps));
        a11.Store(ref s, (nuint)(1 * d + 1 * ps));
        a21.Store(ref s, (nuint)(1 * d + 2 * ps));
        a31.Store(ref s, (nuint)(1 * d + 3 * ps));
        a41.Store(ref s, (nuint)(1 * d + 4 * ps));
        a51.Store(ref s, (nuint)(1 * d + 5 * ps));
        a61.Store(ref s, (nuint)(1 * d + 6 * ps));
        a71.Store(ref s, (nuint)(1 * d + 7 * ps));
        a02.Store(ref s, (nuint)(2 * d + 0 * ps));
        a12.Store(ref s, (nuint)(2 * d + 1 * ps));
        a22.Store(ref s, (nuint)(2 * d + 2 * ps));
        a32.Store(ref s, (nuint)(2 * d + 3 * ps));
        a42.Store(ref s, (nuint)(2 * d + 4 * ps));
        a52.Store(ref s, (nuint)(2 * d + 5 * ps));
        a62.Store(ref s, (nuint)(2 * d + 6 * ps));
        a72.Store(ref s, (nuint)(2 * d + 7 * ps));
    }

    // Four kernels × three taps: twelve partial-sum vectors over the image's positions, seven loads per twelve
    // multiply-adds. `g0` is kernel f's ∂L/∂Y at the lane set; the sums of (f + i, r + j) are (j·depth + i)·16 apart.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Gradient4x3<TLanes>(ref float x, int o0, int o1, int o2, ref float g0, int length, ref float s, int depth)
        where TLanes : struct, ILanes<TLanes>
    {
        const int ps = PartialSums;
        int d = depth * ps;
        var a00 = TLanes.Load(ref s, 0); var a10 = TLanes.Load(ref s, ps); var a20 = TLanes.Load(ref s, 2 * ps); var a30 = TLanes.Load(ref s, 3 * ps);
        var a01 = TLanes.Load(ref s, (nuint)d); var a11 = TLanes.Load(ref s, (nuint)(d + ps));
        var a21 = TLanes.Load(ref s, (nuint)(d + 2 * ps)); var a31 = TLanes.Load(ref s, (nuint)(d + 3 * ps));
        var a02 = TLanes.Load(ref s, (nuint)(2 * d)); var a12 = TLanes.Load(ref s, (nuint)(2 * d + ps));
        var a22 = TLanes.Load(ref s, (nuint)(2 * d + 2 * ps)); var a32 = TLanes.Load(ref s, (nuint)(2 * d + 3 * ps));
        ref float x0 = ref Unsafe.Add(ref x, o0);
        ref float x1 = ref Unsafe.Add(ref x, o1);
        ref float x2 = ref Unsafe.Add(ref x, o2);
        for (int q = 0; q < length; q += ps)
        {
            var v0 = TLanes.Load(ref x0, (nuint)q);
            var v1 = TLanes.Load(ref x1, (nuint)q);
            var v2 = TLanes.Load(ref x2, (nuint)q);
            var g = TLanes.Load(ref g0, (nuint)q);
            a00 = TLanes.MulAdd(g, v0, a00); a01 = TLanes.MulAdd(g, v1, a01); a02 = TLanes.MulAdd(g, v2, a02);
            g = TLanes.Load(ref g0, (nuint)(length + q));
            a10 = TLanes.MulAdd(g, v0, a10); a11 = TLanes.MulAdd(g, v1, a11); a12 = TLanes.MulAdd(g, v2, a12);
            g = TLanes.Load(ref g0, (nuint)(2 * length + q));
            a20 = TLanes.MulAdd(g, v0, a20); a21 = TLanes.MulAdd(g, v1, a21); a22 = TLanes.MulAdd(g, v2, a22);
            g = TLanes.Load(ref g0, (nuint)(3 * length + q));
            a30 = TLanes.MulAdd(g, v0, a30); a31 = TLanes.MulAdd(g, v1, a31); a32 = TLanes.MulAdd(g, v2, a32);
        }
        a00.Store(ref s, 0); a10.Store(ref s, ps); a20.Store(ref s, 2 * ps); a30.Store(ref s, 3 * ps);
        a01.Store(ref s, (nuint)d); a11.Store(ref s, (nuint)(d + ps)); a21.Store(ref s, (nuint)(d + 2 * ps)); a31.Store(ref s, (nuint)(d + 3 * ps));
        a02.Store(ref s, (nuint)(2 * d)); a12.Store(ref s, (nuint)(2 * d + ps));
        a22.Store(ref s, (nuint)(2 * d + 2 * ps)); a32.Store(ref s, (nuint)(2 * d + 3 * ps));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gradient1x1<TLanes>(ref float x, ref float g, int length, ref float s) where TLanes : struct, ILanes<TLanes>
    {
        var a = TLanes.Load(ref s, 0);
        for (int q = 0; q < length; q += PartialSums) a = TLanes.MulAdd(TLanes.Load(ref g, (nuint)q), TLanes.Load(ref x, (nuint)q), a);
        a.Store(ref s, 0);
    }

    /// <summary>Floats of the partial sums <see cref="WeightGradient{TLanes}"/> keeps for a layer: (C·k·k + 1)·depth·16.</summary>
    public static int PartialSumsLength(in ConvGeometry g, int depth) => (g.PatchSize + 1) * depth * PartialSums;

    /// <summary>
    /// ∂L/∂W (depth × C·k·k, column-major) and ∂L/∂b from <see cref="WeightGradient{TLanes}"/>'s partial sums, each the
    /// sum of its 16 partial sums in one fixed order: the same bits whichever width filled them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReduceWeightGradient(ReadOnlySpan<float> sums, in ConvGeometry g, int depth, Span<float> dw, Span<float> db)
    {
        int weights = g.PatchSize * depth;
        if (sums.Length < PartialSumsLength(g, depth) || dw.Length < weights || db.Length < depth)
            throw new ArgumentException("DirectConv.ReduceWeightGradient: buffers smaller than the shapes.");
        ref float s = ref MemoryMarshal.GetReference(sums);
        for (int i = 0; i < weights + depth; i++)
        {
            // A fixed tree: lanes l and l + 8, then l and l + 4, then the last four in pairs.
            ref float lanes = ref Unsafe.Add(ref s, i * PartialSums);
            var eight = Vector256.LoadUnsafe(ref lanes) + Vector256.LoadUnsafe(ref lanes, 8);
            var four = eight.GetLower() + eight.GetUpper();
            float total = (four.GetElement(0) + four.GetElement(2)) + (four.GetElement(1) + four.GetElement(3));
            if (i < weights) dw[i] = total;
            else db[i - weights] = total;
        }
    }
}
