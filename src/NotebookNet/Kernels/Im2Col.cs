using System.Numerics;

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
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(image.Length, columns.Length, g, 1);
        int k = g.KernelSize, s = g.Stride, pad = g.Padding, oh = g.OutHeight, ow = g.OutWidth, p = oh * ow;
        int r = 0;
        for (int c = 0; c < g.Channels; c++)
        {
            var plane = image.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++, r++)
                {
                    var dst = columns.Slice(r * p, p);
                    var (ox0, ox1) = ValidColumns(kj, g);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        var row = dst.Slice(oy * ow, ow);
                        int iy = oy * s + ki - pad;
                        if ((uint)iy >= (uint)g.Height)
                        {
                            row.Clear();
                            continue;
                        }
                        row[..ox0].Clear();
                        row[ox1..].Clear();
                        var src = plane.Slice(iy * g.Width, g.Width);
                        int ix0 = ox0 * s + kj - pad;
                        if (s == 1)
                            src.Slice(ix0, ox1 - ox0).CopyTo(row[ox0..]);
                        else
                            for (int ox = ox0, ix = ix0; ox < ox1; ox++, ix += s) row[ox] = src[ix];
                    }
                }
        }
    }

    /// <summary>
    /// col2im, the adjoint of <see cref="Forward{T}(ReadOnlySpan{T}, in ConvGeometry, Span{T})"/>: adds every
    /// entry of <paramref name="columns"/> to the pixel it was copied from. <paramref name="image"/> is accumulated
    /// into, so clear it first for a plain gradient.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> columns, in ConvGeometry g, Span<T> image)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(image.Length, columns.Length, g, 1);
        int k = g.KernelSize, s = g.Stride, pad = g.Padding, oh = g.OutHeight, ow = g.OutWidth, p = oh * ow;
        int r = 0;
        for (int c = 0; c < g.Channels; c++)
        {
            var plane = image.Slice(c * g.Height * g.Width, g.Height * g.Width);
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++, r++)
                {
                    var src = columns.Slice(r * p, p);
                    var (ox0, ox1) = ValidColumns(kj, g);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int iy = oy * s + ki - pad;
                        if ((uint)iy >= (uint)g.Height) continue;
                        var row = src.Slice(oy * ow, ow);
                        var dst = plane.Slice(iy * g.Width, g.Width);
                        int ix0 = ox0 * s + kj - pad;
                        if (s == 1)
                            SpanMath.Add(row[ox0..ox1], dst.Slice(ix0, ox1 - ox0));
                        else
                            for (int ox = ox0, ix = ix0; ox < ox1; ox++, ix += s) dst[ix] += row[ox];
                    }
                }
        }
    }

    /// <summary>im2col for <paramref name="count"/> images stored one per column; the blocks follow each other.</summary>
    public static void Forward<T>(ReadOnlySpan<T> images, int count, in ConvGeometry g, Span<T> columns)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(images.Length, columns.Length, g, count);
        int n = g.ImageSize, m = g.Positions * g.PatchSize;
        for (int i = 0; i < count; i++) Forward(images.Slice(i * n, n), g, columns.Slice(i * m, m));
    }

    /// <summary>col2im for <paramref name="count"/> images; accumulates into <paramref name="images"/>.</summary>
    public static void Backward<T>(ReadOnlySpan<T> columns, int count, in ConvGeometry g, Span<T> images)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(images.Length, columns.Length, g, count);
        int n = g.ImageSize, m = g.Positions * g.PatchSize;
        for (int i = 0; i < count; i++) Backward(columns.Slice(i * m, m), g, images.Slice(i * n, n));
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

    private static void Check(int imageLength, int columnsLength, in ConvGeometry g, int count)
    {
        if (imageLength < (long)count * g.ImageSize || columnsLength < (long)count * g.Positions * g.PatchSize)
            throw new ArgumentException(
                $"im2col of {count} image(s) {g.Channels}x{g.Height}x{g.Width} needs {(long)count * g.ImageSize} pixels and " +
                $"{(long)count * g.Positions * g.PatchSize} column entries, got {imageLength} and {columnsLength}.");
    }
}
