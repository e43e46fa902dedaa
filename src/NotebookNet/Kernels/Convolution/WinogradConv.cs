using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// Stride-1 5×5 convolution by Winograd's F(2×2, 5×5) (<see cref="Winograd5x5"/>): the output is cut into 2×2 blocks,
/// each computed from a 6×6 input tile. With U = G g Gᵀ for every (kernel, channel) pair, transformed once per batch
/// (<see cref="TransformKernels{T}"/>), and V = Bᵀ d B for every (tile, channel), the 36 points ξ of a tile are 36
/// independent products <c>M[ξ] = U[ξ] · V[ξ]</c> (kernels × channels times channels × tiles), each one
/// <see cref="GemmDriver"/> run, and Y = Aᵀ M A + bias: 36 multiply-adds per channel for 4 outputs instead of 100.
/// Images are first laid out pixel-major (HWC, channels padded to whole vectors, a zero border of the padding on top
/// and left and enough on the bottom and right for whole tiles), so the transforms run on vectors of channels.
/// Tiles of several images go through the products together, in blocks small enough that a block's V and M stay in
/// cache; every output is computed the same way whatever its block, so the result does not depend on how a batch is cut.
/// The input gradient is the same convolution of ∂L/∂Y with the flipped kernels
/// (<see cref="ImplicitGemmConv.InputGradientGeometry"/>, <see cref="ImplicitGemmConv.FlipWeights{T}"/>).
/// All products run on the calling thread; callers split a batch of images between the cores.
/// </summary>
public static unsafe class WinogradConv
{
    /// <summary>Most tiles per block of 36 products: a block's transformed inputs and products stay within L2.</summary>
    private const int TileBlock = 48;

    /// <summary>Whether these kernels handle <paramref name="g"/> for element type <typeparamref name="T"/>.</summary>
    public static bool Supports<T>(in ConvGeometry g) =>
        Simd.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        && g.Stride == 1 && g.KernelSize == 5 && g.Padding <= 4 && g.OutHeight > 0 && g.OutWidth > 0;

    /// <summary>Images per <see cref="Forward{T}"/> call that fill one block of tiles (at least one).</summary>
    public static int ImagesPerCall(in ConvGeometry g) => Math.Max(1, TileBlock / Tiles(g).Count);

    /// <summary>Elements <see cref="TransformKernels{T}"/> writes for <paramref name="depth"/> kernels of <paramref name="g"/>.</summary>
    public static int KernelsLength<T>(in ConvGeometry g, int depth) where T : struct =>
        Winograd5x5.Points * PointStride<T>(g.Channels, depth);

    /// <summary>Elements of the workspace <see cref="Forward{T}"/> needs for <paramref name="images"/> images.</summary>
    public static int WorkspaceLength<T>(in ConvGeometry g, int depth, int images) where T : struct
    {
        var (cp, dp) = (Padded<T>(g.Channels), Padded<T>(depth));
        var tiles = Tiles(g);
        long length = (long)images * InputLength<T>(g) + (long)images * tiles.Count * Winograd5x5.Out * Winograd5x5.Out * dp
            + (long)Winograd5x5.Points * (BlockStride<T>(TileBlock, cp) + BlockStride<T>(TileBlock, dp));
        return checked((int)length);
    }

    /// <summary>
    /// The kernels W (depth × C·25, column-major, as <see cref="ImplicitGemmConv"/> takes them) as the left operands of the
    /// 36 products: U[ξ] (depth × C) for each point, packed for <see cref="GemmDriver"/> when it can be packed ahead.
    /// </summary>
    public static void TransformKernels<T>(ReadOnlySpan<T> weights, in ConvGeometry g, int depth, Span<T> transformed)
        where T : struct, IFloatingPointIeee754<T>
    {
        int channels = g.Channels, length = KernelsLength<T>(g, depth);
        if (!Supports<T>(g)) throw new NotSupportedException($"WinogradConv.TransformKernels: only stride-1 5x5 kernels with padding up to 4 on AVX2/FMA, got {g}.");
        if (weights.Length < depth * g.PatchSize || transformed.Length < length)
            throw new ArgumentException($"WinogradConv.TransformKernels: {depth}x{g.PatchSize} kernels need {depth * g.PatchSize} weights and a {length}-value buffer, got {weights.Length} and {transformed.Length}.");
        if (typeof(T) == typeof(float))
            Transform(MemoryMarshal.Cast<T, float>(weights), channels, depth, MemoryMarshal.Cast<T, float>(transformed));
        else
            Transform(MemoryMarshal.Cast<T, double>(weights), channels, depth, MemoryMarshal.Cast<T, double>(transformed));
    }

    /// <summary>
    /// y (depth × OutHeight × OutWidth per image, CHW, images one after another) = conv(x, W) + bias for
    /// <paramref name="images"/> CHW images in <paramref name="x"/>, with the kernels from <see cref="TransformKernels{T}"/>.
    /// An empty <paramref name="bias"/> adds nothing.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> x, in ConvGeometry g, ReadOnlySpan<T> kernels, int depth, ReadOnlySpan<T> bias,
        Span<T> y, int images, Span<T> workspace)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (!Supports<T>(g)) throw new NotSupportedException($"WinogradConv.Forward: only stride-1 5x5 kernels with padding up to 4 on AVX2/FMA, got {g}.");
        long inputs = (long)images * g.ImageSize, outputs = (long)images * g.Positions * depth;
        int kernelsLength = KernelsLength<T>(g, depth), workspaceLength = WorkspaceLength<T>(g, depth, images);
        if (images <= 0 || depth <= 0 || x.Length < inputs || y.Length < outputs || kernels.Length < kernelsLength || workspace.Length < workspaceLength)
            throw new ArgumentException(
                $"WinogradConv.Forward: {images} images of {g} with {depth} kernels need {inputs} inputs, {outputs} outputs, " +
                $"{kernelsLength} transformed kernels and a {workspaceLength}-value workspace, got {x.Length}, {y.Length}, {kernels.Length} and {workspace.Length}.");
        if (!bias.IsEmpty && bias.Length < depth) throw new ArgumentException($"WinogradConv.Forward: {depth} kernels need {depth} biases, got {bias.Length}.");
        if (typeof(T) == typeof(float))
            Run(MemoryMarshal.Cast<T, float>(x), g, MemoryMarshal.Cast<T, float>(kernels), depth, MemoryMarshal.Cast<T, float>(bias),
                MemoryMarshal.Cast<T, float>(y), images, MemoryMarshal.Cast<T, float>(workspace));
        else
            Run(MemoryMarshal.Cast<T, double>(x), g, MemoryMarshal.Cast<T, double>(kernels), depth, MemoryMarshal.Cast<T, double>(bias),
                MemoryMarshal.Cast<T, double>(y), images, MemoryMarshal.Cast<T, double>(workspace));
    }

    /// <summary>Elements of the workspace <see cref="AddWeightGradient{T}"/> needs for <paramref name="images"/> images.</summary>
    public static int WeightGradientWorkspaceLength<T>(in ConvGeometry g, int depth, int images) where T : struct
    {
        var (cp, dp) = (Padded<T>(g.Channels), Padded<T>(depth));
        long length = (long)images * InputLength<T>(g) + (long)images * Tiles(g).Count * Winograd5x5.Out * Winograd5x5.Out * dp
            + (long)Winograd5x5.Points * (BlockStride<T>(TileBlock, cp) + BlockStride<T>(TileBlock, dp) + BlockStride<T>(depth, g.Channels));
        return checked((int)length);
    }

    /// <summary>
    /// ∂L/∂W (depth × C·25, column-major) += the gradient of <paramref name="images"/> CHW images in <paramref name="x"/>
    /// with output gradients <paramref name="dy"/> (CHW, depth × OutHeight × OutWidth each): every tile's
    /// <c>(A ∂L/∂Y Aᵀ) ⊙ V</c> summed by one product per point over all the images' tiles, in a fixed order, then
    /// taken back to 5×5 kernels by Gᵀ · G.
    /// </summary>
    public static void AddWeightGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, in ConvGeometry g, int depth, int images,
        Span<T> weightGradient, Span<T> workspace)
        where T : struct, IFloatingPointIeee754<T>
    {
        if (!Supports<T>(g)) throw new NotSupportedException($"WinogradConv.AddWeightGradient: only stride-1 5x5 kernels with padding up to 4 on AVX2/FMA, got {g}.");
        long inputs = (long)images * g.ImageSize, outputs = (long)images * g.Positions * depth;
        int weights = depth * g.PatchSize, workspaceLength = WeightGradientWorkspaceLength<T>(g, depth, images);
        if (images <= 0 || depth <= 0 || x.Length < inputs || dy.Length < outputs || weightGradient.Length < weights || workspace.Length < workspaceLength)
            throw new ArgumentException(
                $"WinogradConv.AddWeightGradient: {images} images of {g} with {depth} kernels need {inputs} inputs, {outputs} output gradients, " +
                $"{weights} weight gradients and a {workspaceLength}-value workspace, got {x.Length}, {dy.Length}, {weightGradient.Length} and {workspace.Length}.");
        if (typeof(T) == typeof(float))
            RunWeightGradient(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(dy), g, depth, images,
                MemoryMarshal.Cast<T, float>(weightGradient), MemoryMarshal.Cast<T, float>(workspace));
        else
            RunWeightGradient(MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(dy), g, depth, images,
                MemoryMarshal.Cast<T, double>(weightGradient), MemoryMarshal.Cast<T, double>(workspace));
    }

    /// <summary>Output blocks down and across one image, and their number.</summary>
    private static (int Rows, int Columns, int Count) Tiles(in ConvGeometry g)
    {
        int rows = (g.OutHeight + Winograd5x5.Out - 1) / Winograd5x5.Out, columns = (g.OutWidth + Winograd5x5.Out - 1) / Winograd5x5.Out;
        return (rows, columns, rows * columns);
    }

    /// <summary>Elements of one image laid out for the input transform: (2·rows + 4) × (2·columns + 4) pixels of whole vectors.</summary>
    private static int InputLength<T>(in ConvGeometry g) where T : struct
    {
        var tiles = Tiles(g);
        return (2 * tiles.Rows + 4) * (2 * tiles.Columns + 4) * Padded<T>(g.Channels);
    }

    /// <summary>A count of channels or kernels rounded up to whole 256-bit vectors.</summary>
    private static int Padded<T>(int count) where T : struct
    {
        int w = Vector256<T>.Count;
        return (count + w - 1) / w * w;
    }

    /// <summary>Elements of one point's U: packed panels when <see cref="GemmDriver"/> can pack it ahead, else depth × C.</summary>
    private static int PointStride<T>(int channels, int depth) where T : struct
    {
        int packed = typeof(T) == typeof(float) ? GemmDriver.PrepackedLength<float>(depth, channels)
            : typeof(T) == typeof(double) ? GemmDriver.PrepackedLength<double>(depth, channels) : 0;
        return packed > 0 ? packed : depth * channels;
    }

    private static void Transform<T>(ReadOnlySpan<T> weights, int channels, int depth, Span<T> transformed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // u[ξ][f + c·depth]: the 36 points of one (kernel, channel) pair at once, then each point's matrix packed.
        int stride = PointStride<T>(channels, depth), size = depth * channels;
        bool prepack = GemmDriver.PrepackedLength<T>(depth, channels) > 0;
        T* u = ScratchBuffer<T>.Slot2(Winograd5x5.Points * size);
        Span<double> kernel = stackalloc double[25], points = stackalloc double[Winograd5x5.Points];
        for (int c = 0; c < channels; c++)
            for (int f = 0; f < depth; f++)
            {
                for (int t = 0; t < 25; t++) kernel[t] = double.CreateChecked(weights[f + (c * 25 + t) * depth]);
                Winograd5x5.Kernel(kernel, points);
                for (int xi = 0; xi < Winograd5x5.Points; xi++) u[((nint)xi * channels + c) * depth + f] = T.CreateChecked(points[xi]);
            }
        fixed (T* dst = transformed)
            for (int xi = 0; xi < Winograd5x5.Points; xi++)
            {
                T* point = u + (nint)xi * size;
                if (prepack) GemmDriver.Prepack(depth, channels, new StoredA<T>(false, point, depth), dst + (nint)xi * stride);
                else Buffer.MemoryCopy(point, dst + (nint)xi * stride, (long)stride * sizeof(T), (long)size * sizeof(T));
            }
    }

    private static void Run<T>(ReadOnlySpan<T> x, in ConvGeometry g, ReadOnlySpan<T> kernels, int depth, ReadOnlySpan<T> bias,
        Span<T> y, int images, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels, cp = Padded<T>(channels), dp = Padded<T>(depth), w = Vector256<T>.Count;
        var tiles = Tiles(g);
        int inputLength = InputLength<T>(g), outWidth = 2 * tiles.Columns;
        int outLength = tiles.Count * Winograd5x5.Out * Winograd5x5.Out * dp, total = images * tiles.Count;
        int stride = PointStride<T>(channels, depth);
        bool prepacked = GemmDriver.PrepackedLength<T>(depth, channels) > 0;
        T* biases = stackalloc T[dp];
        for (int f = 0; f < dp; f++) biases[f] = bias.IsEmpty || f >= depth ? T.Zero : bias[f];

        fixed (T* source = x, u = kernels, result = y, work = workspace)
        {
            T* input = work, output = input + (nint)images * inputLength;
            T* v = output + (nint)images * outLength, m = v + Winograd5x5.Points * BlockStride<T>(TileBlock, cp);
            for (int i = 0; i < images; i++) Layout(source + (nint)i * g.ImageSize, g, cp, input + (nint)i * inputLength);

            for (int first = 0; first < total; first += TileBlock)
            {
                int count = Math.Min(TileBlock, total - first);
                nint vPoint = BlockStride<T>(count, cp), mPoint = BlockStride<T>(count, dp);
                TransformInputs(input, g, cp, first, count, v);
                for (int xi = 0; xi < Winograd5x5.Points; xi++)
                {
                    var b = new StoredB<T>(false, v + xi * vPoint, cp, count);
                    if (prepacked)
                        GemmDriver.Run(depth, count, channels, T.One, new PrepackedA<T>(u + (nint)xi * stride, depth), b, T.Zero, m + xi * mPoint, dp);
                    else
                        GemmDriver.Run(depth, count, channels, T.One, new StoredA<T>(false, u + (nint)xi * stride, depth), b, T.Zero, m + xi * mPoint, dp);
                }
                for (int t = 0; t < count; t++)
                {
                    var (image, row, column) = Place(first + t, tiles.Count, tiles.Columns);
                    T* block = output + (nint)image * outLength + ((nint)2 * row * outWidth + 2 * column) * dp;
                    for (int f = 0; f < dp; f += w)
                        Winograd5x5.Output(m + (nint)t * dp + f, mPoint, Vector256.Load(biases + f), block + f, dp, (nint)outWidth * dp);
                }
            }

            for (int i = 0; i < images; i++)
                Unlayout(output + (nint)i * outLength, g, depth, dp, outWidth, result + (nint)i * g.Positions * depth);
        }
    }

    /// <summary>
    /// Elements from one point's block of <paramref name="count"/> tiles × <paramref name="width"/> values to the next: a
    /// cache line more than the block, so that the 36 blocks a transform reads or writes in step do not fall on the
    /// same cache sets (blocks a multiple of 4 KiB apart would all compete for one set of L1).
    /// </summary>
    private static nint BlockStride<T>(int count, int width) where T : struct => (nint)count * width + 64 / Unsafe.SizeOf<T>();

    /// <summary>V for tiles [first, first + count) of the laid-out images: point ξ of tile t at <c>v + ξ·BlockStride(count, cp) + t·cp</c>.</summary>
    private static void TransformInputs<T>(T* input, in ConvGeometry g, int cp, int first, int count, T* v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var tiles = Tiles(g);
        int inputLength = InputLength<T>(g), inputWidth = 2 * tiles.Columns + 4, w = Vector256<T>.Count;
        for (int t = 0; t < count; t++)
        {
            var (image, row, column) = Place(first + t, tiles.Count, tiles.Columns);
            T* tile = input + (nint)image * inputLength + ((nint)2 * row * inputWidth + 2 * column) * cp;
            for (int c = 0; c < cp; c += w)
                Winograd5x5.Input(tile + c, cp, (nint)inputWidth * cp, v + (nint)t * cp + c, BlockStride<T>(count, cp));
        }
    }

    private static void RunWeightGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, in ConvGeometry g, int depth, int images,
        Span<T> weightGradient, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = g.Channels, cp = Padded<T>(channels), dp = Padded<T>(depth), w = Vector256<T>.Count;
        var tiles = Tiles(g);
        int inputLength = InputLength<T>(g), outWidth = 2 * tiles.Columns;
        int outLength = tiles.Count * Winograd5x5.Out * Winograd5x5.Out * dp, total = images * tiles.Count;
        nint size = BlockStride<T>(depth, channels);
        fixed (T* source = x, gradient = dy, dw = weightGradient, work = workspace)
        {
            T* input = work, grads = input + (nint)images * inputLength;
            T* v = grads + (nint)images * outLength, z = v + Winograd5x5.Points * BlockStride<T>(TileBlock, cp);
            T* products = z + Winograd5x5.Points * BlockStride<T>(TileBlock, dp);
            for (int i = 0; i < images; i++)
            {
                Layout(source + (nint)i * g.ImageSize, g, cp, input + (nint)i * inputLength);
                LayoutGradient(gradient + (nint)i * g.Positions * depth, g, depth, dp, outWidth, grads + (nint)i * outLength);
            }

            for (int first = 0; first < total; first += TileBlock)
            {
                int count = Math.Min(TileBlock, total - first);
                nint vPoint = BlockStride<T>(count, cp), zPoint = BlockStride<T>(count, dp);
                TransformInputs(input, g, cp, first, count, v);
                for (int t = 0; t < count; t++)
                {
                    var (image, row, column) = Place(first + t, tiles.Count, tiles.Columns);
                    T* block = grads + (nint)image * outLength + ((nint)2 * row * outWidth + 2 * column) * dp;
                    for (int f = 0; f < dp; f += w)
                        Winograd5x5.OutputGradient(block + f, dp, (nint)outWidth * dp, z + (nint)t * dp + f, zPoint);
                }
                // ∂L/∂U[ξ] (depth × C) += Z[ξ] (depth × tiles) · V[ξ]ᵀ (tiles × C).
                T beta = first == 0 ? T.Zero : T.One;
                for (int xi = 0; xi < Winograd5x5.Points; xi++)
                    GemmDriver.Run(depth, channels, count, T.One, new StoredA<T>(false, z + xi * zPoint, dp),
                        new StoredB<T>(true, v + xi * vPoint, cp, channels), beta, products + xi * size, depth);
            }
            // Whole vectors of kernels at once, the last few (a depth that is not whole vectors) one by one.
            int full = depth / w * w;
            for (int c = 0; c < channels; c++)
                for (int f = 0; f < full; f += w)
                    Winograd5x5.AddKernelGradient(products + c * depth + f, size, dw + f + c * 25 * depth, depth);
            Span<double> points = stackalloc double[Winograd5x5.Points], kernel = stackalloc double[25];
            for (int c = 0; c < channels; c++)
                for (int f = full; f < depth; f++)
                {
                    for (int xi = 0; xi < Winograd5x5.Points; xi++) points[xi] = double.CreateChecked(products[xi * size + c * depth + f]);
                    Winograd5x5.KernelGradient(points, kernel);
                    for (int t = 0; t < 25; t++) dw[f + (c * 25 + t) * depth] += T.CreateChecked(kernel[t]);
                }
        }
    }

    /// <summary>Tile <paramref name="index"/> of a run of images: its image and its block's row and column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int Image, int Row, int Column) Place(int index, int perImage, int columns)
    {
        int image = index / perImage, r = index - image * perImage, row = r / columns;
        return (image, row, r - row * columns);
    }

    /// <summary>One CHW image into the pixel-major, zero-bordered layout of <see cref="InputLength{T}"/>.</summary>
    private static void Layout<T>(T* image, in ConvGeometry g, int cp, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int length = InputLength<T>(g), width = 2 * Tiles(g).Columns + 4, p = g.Padding;
        new Span<T>(dst, length).Clear();
        for (int c = 0; c < g.Channels; c++)
            for (int row = 0; row < g.Height; row++)
            {
                T* s = image + ((nint)c * g.Height + row) * g.Width;
                T* d = dst + ((nint)(row + p) * width + p) * cp + c;
                for (int col = 0; col < g.Width; col++) d[(nint)col * cp] = s[col];
            }
    }

    /// <summary>One CHW output gradient into the pixel-major layout of whole output blocks (dp values per pixel), zero outside the output.</summary>
    private static void LayoutGradient<T>(T* dy, in ConvGeometry g, int depth, int dp, int width, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        new Span<T>(dst, Tiles(g).Count * Winograd5x5.Out * Winograd5x5.Out * dp).Clear();
        for (int f = 0; f < depth; f++)
            for (int row = 0; row < oh; row++)
            {
                T* s = dy + ((nint)f * oh + row) * ow;
                T* d = dst + (nint)row * width * dp + f;
                for (int col = 0; col < ow; col++) d[(nint)col * dp] = s[col];
            }
    }

    /// <summary>The pixel-major output blocks (whole tiles, dp values per pixel) into one CHW output of the real size.</summary>
    private static void Unlayout<T>(T* blocks, in ConvGeometry g, int depth, int dp, int width, T* y) where T : unmanaged
    {
        int oh = g.OutHeight, ow = g.OutWidth;
        for (int f = 0; f < depth; f++)
            for (int row = 0; row < oh; row++)
            {
                T* s = blocks + (nint)row * width * dp + f;
                T* d = y + ((nint)f * oh + row) * ow;
                for (int col = 0; col < ow; col++) d[col] = s[(nint)col * dp];
            }
    }
}
