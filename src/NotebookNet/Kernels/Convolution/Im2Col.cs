using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// im2col and its adjoint col2im: they turn a convolution into one matrix product.
/// An image's column matrix is column-major <c>Positions × PatchSize</c>: column <c>r = (c·k + ki)·k + kj</c>
/// holds, for every output position <c>p = oy·OutWidth + ox</c>, the input pixel
/// <c>x[c, oy·stride + ki − padding, ox·stride + kj − padding]</c> (zero outside the image).
/// Each column is a run of contiguous writes, and with stride 1 each output row is one block copy.
/// </summary>
public static class Im2Col
{
    /// <summary>Fills <paramref name="columns"/> (Positions·PatchSize) from one CHW image.</summary>
    public static void Forward<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> columns)
        where T : struct, IFloatingPointIeee754<T> => Forward(image, g, columns, g.Positions);

    /// <summary>
    /// Fills the Positions rows of a column matrix whose columns are <paramref name="leadingDimension"/> apart:
    /// several images' blocks stacked vertically (image j at row j·Positions) make one taller product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> columns, int leadingDimension)
        where T : struct, IFloatingPointIeee754<T>
    {
        CheckStrided(image.Length, columns.Length, g, leadingDimension);
        Walk(ref MemoryMarshal.GetReference(image), g, ref MemoryMarshal.GetReference(columns), leadingDimension, new Gather<T>());
    }

    /// <summary>
    /// col2im, the adjoint of <see cref="Forward{T}(ReadOnlySpan{T}, in ConvGeometry, Span{T})"/>: adds every
    /// entry of <paramref name="columns"/> to the pixel it was copied from. <paramref name="image"/> is accumulated
    /// into, so clear it first for a plain gradient.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> columns, in ConvGeometry g, Span<T> image)
        where T : struct, IFloatingPointIeee754<T> => Backward(columns, g, image, g.Positions);

    /// <summary>col2im from a column matrix whose columns are <paramref name="leadingDimension"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(ReadOnlySpan<T> columns, in ConvGeometry g, Span<T> image, int leadingDimension)
        where T : struct, IFloatingPointIeee754<T>
    {
        CheckStrided(image.Length, columns.Length, g, leadingDimension);
        Walk(ref MemoryMarshal.GetReference(image), g, ref MemoryMarshal.GetReference(columns), leadingDimension, new Scatter<T>());
    }

    /// <summary>
    /// What im2col and col2im do with one output row of one column: the part whose window lies in the image is
    /// paired with a run of pixels (copied out, or added back), the part over the zero padding is handled apart.
    /// </summary>
    private interface IRowStep<T>
    {
        void Padding(ref T row, int length);
        void Pixels(ref T pixels, ref T row, int length, int stride);
    }

    /// <summary>im2col: pixels into the row, zeros over the padding.</summary>
    private readonly struct Gather<T> : IRowStep<T> where T : struct, IFloatingPointIeee754<T>
    {
        public void Padding(ref T row, int length) => Fill(ref row, length);

        public void Pixels(ref T pixels, ref T row, int length, int stride)
        {
            if (stride == 1)
                Copy(ref pixels, ref row, length);
            else
                for (int i = 0; i < length; i++) Unsafe.Add(ref row, i) = Unsafe.Add(ref pixels, i * stride);
        }
    }

    /// <summary>col2im: the row added back to its pixels; what fell on the padding goes nowhere.</summary>
    private readonly struct Scatter<T> : IRowStep<T> where T : struct, IFloatingPointIeee754<T>
    {
        public void Padding(ref T row, int length) { }

        public void Pixels(ref T pixels, ref T row, int length, int stride)
        {
            if (stride == 1)
                Accumulate(ref row, ref pixels, length);
            else
                for (int i = 0; i < length; i++) Unsafe.Add(ref pixels, i * stride) += Unsafe.Add(ref row, i);
        }
    }

    /// <summary>Visits every (column, output row) of one image's column matrix with the pixels its windows cover.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Walk<T, TStep>(ref T image, in ConvGeometry g, ref T columns, int ld, TStep step)
        where TStep : struct, IRowStep<T>
    {
        int k = g.KernelSize, s = g.Stride, pad = g.Padding, h = g.Height, w = g.Width, oh = g.OutHeight, ow = g.OutWidth;
        int r = 0;
        for (int c = 0; c < g.Channels; c++)
        {
            ref T plane = ref Unsafe.Add(ref image, c * h * w);
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++, r++)
                {
                    ref T column = ref Unsafe.Add(ref columns, r * ld);
                    var (ox0, ox1) = ValidColumns(kj, g);
                    int ix0 = ox0 * s + kj - pad;
                    for (int oy = 0; oy < oh; oy++)
                    {
                        ref T row = ref Unsafe.Add(ref column, oy * ow);
                        int iy = oy * s + ki - pad;
                        if ((uint)iy >= (uint)h)
                        {
                            step.Padding(ref row, ow);
                            continue;
                        }
                        step.Padding(ref row, ox0);
                        step.Padding(ref Unsafe.Add(ref row, ox1), ow - ox1);
                        step.Pixels(ref Unsafe.Add(ref plane, iy * w + ix0), ref Unsafe.Add(ref row, ox0), ox1 - ox0, s);
                    }
                }
        }
    }

    // Rows are short (5 to 28 values), so a call to memmove per row costs more than the copy: whole vectors,
    // then one last vector that overlaps the previous one. DirectConv moves its rows with it too.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy<T>(ref T src, ref T dst, int length) where T : struct
    {
        int vc = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported && length >= vc)
        {
            int i = 0;
            for (; i <= length - vc; i += vc) Vector.LoadUnsafe(ref src, (nuint)i).StoreUnsafe(ref dst, (nuint)i);
            if (i < length) Vector.LoadUnsafe(ref src, (nuint)(length - vc)).StoreUnsafe(ref dst, (nuint)(length - vc));
            return;
        }
        for (int i = 0; i < length; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref src, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<T>(ref T src, ref T dst, int length) where T : struct, IFloatingPointIeee754<T>
    {
        int i = 0, vc = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
            for (; i <= length - vc; i += vc)
                (Vector.LoadUnsafe(ref dst, (nuint)i) + Vector.LoadUnsafe(ref src, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        for (; i < length; i++) Unsafe.Add(ref dst, i) += Unsafe.Add(ref src, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill<T>(ref T dst, int length) where T : struct
    {
        for (int i = 0; i < length; i++) Unsafe.Add(ref dst, i) = default;
    }

    // Output columns ox with 0 ≤ ox·stride + kj − padding < Width: [ox0, ox1).
    private static (int From, int To) ValidColumns(int kj, in ConvGeometry g)
    {
        int s = g.Stride, lead = g.Padding - kj;
        int ox0 = lead <= 0 ? 0 : (lead + s - 1) / s;
        int last = g.Width - 1 + g.Padding - kj;
        int ox1 = last < 0 ? 0 : Math.Min(g.OutWidth, last / s + 1);
        ox0 = Math.Min(ox0, g.OutWidth);
        return (ox0, Math.Max(ox0, ox1));
    }

    private static void CheckStrided(int imageLength, int columnsLength, in ConvGeometry g, int ld)
    {
        if (ld < g.Positions)
            throw new ArgumentOutOfRangeException(nameof(ld), ld, $"im2col: the leading dimension must be at least {g.Positions}.");
        if (imageLength < g.ImageSize || columnsLength < (long)(g.PatchSize - 1) * ld + g.Positions)
            throw new ArgumentException(
                $"im2col of one image {g.Channels}x{g.Height}x{g.Width} with leading dimension {ld} needs {g.ImageSize} pixels and " +
                $"{(long)(g.PatchSize - 1) * ld + g.Positions} column entries, got {imageLength} and {columnsLength}.");
    }
}
