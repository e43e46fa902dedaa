using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// The pixel-major layouts <see cref="WinogradConv"/> transforms, for one geometry, kernel count and scheme of m×m
/// blocks: an image as (m·rows + 4) × (m·columns + 4) pixels of <see cref="Channels"/> values (HWC, channels padded to
/// whole 256-bit vectors, a zero border of the padding on top and left and enough on the bottom and right for whole
/// tiles), and an output (or output gradient) as m·rows × m·columns pixels of <see cref="Kernels"/> values, the whole
/// blocks of the tiles; and where each tile of a run of images sits in them. Lanes of channels (or kernels) are what the
/// transforms of <see cref="WinogradTransforms"/> work on.
/// </summary>
internal readonly unsafe struct WinogradLayout<T, TTile>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TTile : IWinogradTile
{
    private readonly ConvGeometry _g;
    private readonly int _depth;

    public WinogradLayout(in ConvGeometry g, int depth)
    {
        _g = g;
        _depth = depth;
        Rows = (g.OutHeight + TTile.Out - 1) / TTile.Out;
        Columns = (g.OutWidth + TTile.Out - 1) / TTile.Out;
        Channels = Padded(g.Channels);
        Kernels = Padded(depth);
    }

    /// <summary>Tiles down and across one image.</summary>
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>Tiles per image.</summary>
    public int Tiles => Rows * Columns;

    /// <summary>Values per pixel of a laid-out image and of a laid-out output: channels and kernels padded to whole vectors.</summary>
    public int Channels { get; }
    public int Kernels { get; }

    /// <summary>Pixels across a laid-out image.</summary>
    public int InputWidth => TTile.Out * Columns + 4;

    /// <summary>Elements of one laid-out image.</summary>
    public int InputLength => (TTile.Out * Rows + 4) * InputWidth * Channels;

    /// <summary>Pixels across a laid-out output.</summary>
    public int OutputWidth => TTile.Out * Columns;

    /// <summary>Elements of one laid-out output.</summary>
    public int OutputLength => Tiles * TTile.Out * TTile.Out * Kernels;

    /// <summary>Transform points per tile: one product each.</summary>
    public static int Points => TTile.Tile * TTile.Tile;

    /// <summary>
    /// Most tiles per block of products: the products' columns. Wide enough for <see cref="GemmDriver"/> to run near its
    /// speed on the shallow products (as deep as the channels) at the cost of V and M outgrowing L2, which measured
    /// faster than narrower blocks that fit; a multiple of the B panel width.
    /// </summary>
    public static int BlockTiles => 96;

    /// <summary>
    /// Elements from one point's block of <paramref name="count"/> tiles × <paramref name="width"/> values to the next: a
    /// cache line more than the block, so that the blocks a transform reads or writes in step do not fall on the
    /// same cache sets (blocks a multiple of 4 KiB apart would all compete for one set of L1).
    /// </summary>
    public static nint BlockStride(int count, int width) => (nint)count * width + 64 / sizeof(T);

    /// <summary>A count of channels or kernels rounded up to whole 256-bit vectors.</summary>
    private static int Padded(int count) => (count + Vector256<T>.Count - 1) / Vector256<T>.Count * Vector256<T>.Count;

    /// <summary>Where tile <paramref name="index"/> of a run of laid-out images starts (its top-left pixel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T* InputTile(T* images, int index)
    {
        var (image, row, column) = Place(index);
        return images + (nint)image * InputLength + ((nint)TTile.Out * row * InputWidth + TTile.Out * column) * Channels;
    }

    /// <summary>Where the 2×2 block of tile <paramref name="index"/> of a run of laid-out outputs starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T* OutputBlock(T* outputs, int index)
    {
        var (image, row, column) = Place(index);
        return outputs + (nint)image * OutputLength + ((nint)TTile.Out * row * OutputWidth + TTile.Out * column) * Kernels;
    }

    /// <summary>V for tiles [first, first + count) of laid-out images: point ξ of tile t at <c>v + ξ·BlockStride(count, Channels) + t·Channels</c>.</summary>
    public void TransformInputs(T* images, int first, int count, T* v)
    {
        if (WinogradTransforms.Wide<T>(Channels)) TransformInputs<Lane512<T>>(images, first, count, v);
        else TransformInputs<Lane256<T>>(images, first, count, v);
    }

    private void TransformInputs<TV>(T* images, int first, int count, T* v) where TV : unmanaged, ILane<TV, T>
    {
        nint point = BlockStride(count, Channels), row = (nint)InputWidth * Channels;
        for (int t = 0; t < count; t++)
        {
            T* tile = InputTile(images, first + t);
            for (int c = 0; c < Channels; c += TV.Count)
                WinogradTransforms.Input<T, TV, TTile>(tile + c, Channels, row, v + (nint)t * Channels + c, point);
        }
    }

    /// <summary>One CHW image into its laid-out form.</summary>
    public void LayOutImage(T* image, T* dst)
    {
        int p = _g.Padding, plane = _g.Height * _g.Width;
        new Span<T>(dst, InputLength).Clear();
        for (int row = 0; row < _g.Height; row++)
            CopyTransposed(image + (nint)row * _g.Width, plane, _g.Channels, _g.Width, dst + ((nint)(row + p) * InputWidth + p) * Channels, Channels);
    }

    /// <summary>One CHW output gradient into the laid-out output form, zero where a tile's block lies outside the output.</summary>
    public void LayOutOutput(T* dy, T* dst)
    {
        int oh = _g.OutHeight, ow = _g.OutWidth;
        new Span<T>(dst, OutputLength).Clear();
        for (int row = 0; row < oh; row++)
            CopyTransposed(dy + (nint)row * ow, oh * ow, _depth, ow, dst + (nint)row * OutputWidth * Kernels, Kernels);
    }

    /// <summary>One laid-out output back into CHW of the real size.</summary>
    public void TakeOutput(T* blocks, T* y)
    {
        int oh = _g.OutHeight, ow = _g.OutWidth;
        for (int row = 0; row < oh; row++)
            CopyTransposed(blocks + (nint)row * OutputWidth * Kernels, Kernels, ow, _depth, y + (nint)row * ow, oh * ow);
    }

    /// <summary>
    /// <c>dst[j·ldDst + i] = src[i·ld + j]</c> for i &lt; rows, j &lt; cols. In float, 8×8 register blocks cover it all
    /// when both sides reach 8, the last block of each overlapping the one before (it writes the same values again);
    /// else one value at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every layer call runs it: no slow first tier
    private static void CopyTransposed(T* src, nint ld, int rows, int cols, T* dst, nint ldDst)
    {
        if (typeof(T) == typeof(float) && Avx.IsSupported && rows >= 8 && cols >= 8)
        {
            for (int i = 0; i < rows; i += 8)
            {
                int bi = Math.Min(i, rows - 8);
                for (int j = 0; j < cols; j += 8)
                {
                    int bj = Math.Min(j, cols - 8);
                    Transpose.Float8x8((float*)(src + bi * ld + bj), ld, (float*)(dst + bj * ldDst + bi), ldDst);
                }
            }
            return;
        }
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) dst[j * ldDst + i] = src[i * ld + j];
    }

    /// <summary>Tile <paramref name="index"/> of a run of images: its image and its block's row and column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Image, int Row, int Column) Place(int index)
    {
        int tiles = Tiles, image = index / tiles, r = index - image * tiles, row = r / Columns;
        return (image, row, r - row * Columns);
    }
}
