using System.Numerics;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Stride-1 5×5 convolution by Winograd's minimal filtering (<see cref="IWinogradTile"/>): the output is cut into
/// m×m blocks, each computed from an α×α input tile (α = m + 4). With U = G g Gᵀ for every (kernel, channel) pair,
/// transformed once per batch (<see cref="TransformKernels{T}"/>), and V = Bᵀ d B for every (tile, channel), the α²
/// points ξ of a tile are independent products <c>M[ξ] = U[ξ] · V[ξ]</c> (kernels × channels times channels × tiles),
/// each one <see cref="GemmDriver"/> run, and Y = Aᵀ M A + bias. Each geometry takes the scheme with fewer
/// multiplications (<see cref="LargeTiles"/>): <see cref="WinogradF4"/>'s 64 per 16 outputs, or <see cref="WinogradF2"/>'s
/// 36 per 4 when a larger block would mostly fall outside a small output.
/// Images are first laid out pixel-major (<see cref="WinogradLayout{T, TTile}"/>), so the transforms run on lanes of
/// channels. Tiles of several images go through the products together, in blocks of
/// <see cref="WinogradLayout{T, TTile}.BlockTiles"/>; every output is computed the same way whatever its block, so the
/// result does not depend on how a batch is cut. The input gradient is the same convolution of ∂L/∂Y with the flipped kernels
/// (<see cref="ImplicitGemmConv.InputGradientGeometry"/>, <see cref="ImplicitGemmConv.FlipWeights{T}"/>); the weight
/// gradient runs the transforms backwards (<see cref="AddWeightGradient{T}"/>, in WinogradWeightGradient.cs).
/// All products run on the calling thread; callers split a batch of images between the cores.
/// </summary>
public static unsafe partial class WinogradConv
{
    /// <summary>Whether these kernels handle <paramref name="g"/> for element type <typeparamref name="T"/>.</summary>
    public static bool Supports<T>(in ConvGeometry g) =>
        Simd.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        && g.Stride == 1 && g.KernelSize == 5 && g.Padding <= 4 && g.OutHeight > 0 && g.OutWidth > 0;

    /// <summary>
    /// Whether <paramref name="g"/> runs on F(4×4, 5×5): when its tiles need fewer multiplications per (kernel, channel)
    /// pair than F(2×2, 5×5)'s, counting the blocks that reach past the output's edge.
    /// </summary>
    public static bool LargeTiles(in ConvGeometry g)
    {
        long small = Multiplications<WinogradF2>(g), large = Multiplications<WinogradF4>(g);
        return large < small;
    }

    private static long Multiplications<TTile>(in ConvGeometry g) where TTile : IWinogradTile =>
        (long)new WinogradLayout<float, TTile>(g, 1).Tiles * WinogradLayout<float, TTile>.Points;

    /// <summary>Images per <see cref="Forward{T}"/> call that fill one block of tiles (at least one).</summary>
    public static int ImagesPerCall(in ConvGeometry g) => LargeTiles(g) ? ImagesPerCall<WinogradF4>(g) : ImagesPerCall<WinogradF2>(g);

    /// <summary>Elements <see cref="TransformKernels{T}"/> writes for <paramref name="depth"/> kernels of <paramref name="g"/>.</summary>
    public static int KernelsLength<T>(in ConvGeometry g, int depth) where T : struct =>
        (LargeTiles(g) ? WinogradLayout<float, WinogradF4>.Points : WinogradLayout<float, WinogradF2>.Points) * PointStride<T>(g.Channels, depth);

    /// <summary>Elements of the workspace <see cref="Forward{T}"/> needs for <paramref name="images"/> images.</summary>
    public static int WorkspaceLength<T>(in ConvGeometry g, int depth, int images) where T : struct
    {
        bool large = LargeTiles(g);
        if (typeof(T) == typeof(float))
            return large ? WorkspaceLength(new WinogradLayout<float, WinogradF4>(g, depth), images) : WorkspaceLength(new WinogradLayout<float, WinogradF2>(g, depth), images);
        if (typeof(T) == typeof(double))
            return large ? WorkspaceLength(new WinogradLayout<double, WinogradF4>(g, depth), images) : WorkspaceLength(new WinogradLayout<double, WinogradF2>(g, depth), images);
        return 0;
    }

    /// <summary>
    /// The kernels W (depth × C·25, column-major, as <see cref="ImplicitGemmConv"/> takes them) as the left operands of the
    /// products: U[ξ] (depth × C) for each point, packed for <see cref="GemmDriver"/> when it can be packed ahead.
    /// </summary>
    public static void TransformKernels<T>(ReadOnlySpan<T> weights, in ConvGeometry g, int depth, Span<T> transformed)
        where T : struct, IFloatingPointIeee754<T>
    {
        int channels = g.Channels, length = KernelsLength<T>(g, depth);
        if (!Supports<T>(g)) throw new NotSupportedException($"WinogradConv.TransformKernels: only stride-1 5x5 kernels with padding up to 4 on AVX2/FMA, got {g}.");
        if (weights.Length < depth * g.PatchSize || transformed.Length < length)
            throw new ArgumentException($"WinogradConv.TransformKernels: {depth}x{g.PatchSize} kernels need {depth * g.PatchSize} weights and a {length}-value buffer, got {weights.Length} and {transformed.Length}.");
        bool large = LargeTiles(g);
        if (typeof(T) == typeof(float))
        {
            var w = MemoryMarshal.Cast<T, float>(weights);
            var u = MemoryMarshal.Cast<T, float>(transformed);
            if (large) Transform<float, WinogradF4>(w, channels, depth, u);
            else Transform<float, WinogradF2>(w, channels, depth, u);
        }
        else
        {
            var w = MemoryMarshal.Cast<T, double>(weights);
            var u = MemoryMarshal.Cast<T, double>(transformed);
            if (large) Transform<double, WinogradF4>(w, channels, depth, u);
            else Transform<double, WinogradF2>(w, channels, depth, u);
        }
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
        bool large = LargeTiles(g);
        if (typeof(T) == typeof(float))
        {
            var xs = MemoryMarshal.Cast<T, float>(x);
            var ks = MemoryMarshal.Cast<T, float>(kernels);
            var bs = MemoryMarshal.Cast<T, float>(bias);
            var ys = MemoryMarshal.Cast<T, float>(y);
            var ws = MemoryMarshal.Cast<T, float>(workspace);
            if (large) Run<float, WinogradF4>(xs, g, ks, depth, bs, ys, images, ws);
            else Run<float, WinogradF2>(xs, g, ks, depth, bs, ys, images, ws);
        }
        else
        {
            var xs = MemoryMarshal.Cast<T, double>(x);
            var ks = MemoryMarshal.Cast<T, double>(kernels);
            var bs = MemoryMarshal.Cast<T, double>(bias);
            var ys = MemoryMarshal.Cast<T, double>(y);
            var ws = MemoryMarshal.Cast<T, double>(workspace);
            if (large) Run<double, WinogradF4>(xs, g, ks, depth, bs, ys, images, ws);
            else Run<double, WinogradF2>(xs, g, ks, depth, bs, ys, images, ws);
        }
    }

    private static int ImagesPerCall<TTile>(in ConvGeometry g) where TTile : IWinogradTile =>
        Math.Max(1, WinogradLayout<float, TTile>.BlockTiles / new WinogradLayout<float, TTile>(g, 1).Tiles);

    // The images and outputs laid out, then one block's V and M.
    private static int WorkspaceLength<T, TTile>(in WinogradLayout<T, TTile> layout, int images)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        int block = WinogradLayout<T, TTile>.BlockTiles;
        return checked((int)((long)images * (layout.InputLength + layout.OutputLength) + WinogradLayout<T, TTile>.Points
            * (WinogradLayout<T, TTile>.BlockStride(block, layout.Channels) + WinogradLayout<T, TTile>.BlockStride(block, layout.Kernels))));
    }

    /// <summary>Elements of one point's U: packed panels when <see cref="GemmDriver"/> can pack it ahead, else depth × C.</summary>
    private static int PointStride<T>(int channels, int depth) where T : struct
    {
        int packed = typeof(T) == typeof(float) ? GemmDriver.PrepackedLength<float>(depth, channels)
            : typeof(T) == typeof(double) ? GemmDriver.PrepackedLength<double>(depth, channels) : 0;
        return packed > 0 ? packed : depth * channels;
    }

    private static void Transform<T, TTile>(ReadOnlySpan<T> weights, int channels, int depth, Span<T> transformed)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        // u[ξ][f + c·depth]: all points of one (kernel, channel) pair at once, then each point's matrix packed. The
        // points' matrices are a cache line more than their size apart, as the blocks of WinogradLayout are.
        int points = WinogradLayout<T, TTile>.Points, stride = PointStride<T>(channels, depth), size = depth * channels;
        nint apart = WinogradLayout<T, TTile>.BlockStride(depth, channels);
        bool prepack = GemmDriver.PrepackedLength<T>(depth, channels) > 0;
        T* u = ScratchBuffer<T>.Slot2((int)(points * apart));
        double* kernel = stackalloc double[25], values = stackalloc double[points];
        for (int c = 0; c < channels; c++)
            for (int f = 0; f < depth; f++)
            {
                for (int t = 0; t < 25; t++) kernel[t] = double.CreateChecked(weights[f + (c * 25 + t) * depth]);
                WinogradTransforms.Kernel<TTile>(kernel, values);
                for (int xi = 0; xi < points; xi++) u[xi * apart + c * depth + f] = T.CreateChecked(values[xi]);
            }
        fixed (T* dst = transformed)
            for (int xi = 0; xi < points; xi++)
            {
                T* point = u + xi * apart;
                if (prepack) GemmDriver.Prepack(depth, channels, new StoredA<T>(false, point, depth), dst + (nint)xi * stride);
                else Buffer.MemoryCopy(point, dst + (nint)xi * stride, (long)stride * sizeof(T), (long)size * sizeof(T));
            }
    }

    // Y = Aᵀ M A + bias for tiles [first, first + count), into their blocks of the laid-out outputs.
    private static void TransformOutputs<T, TV, TTile>(in WinogradLayout<T, TTile> layout, T* outputs, int first, int count, T* m, T* biases)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged, ILane<TV, T>
        where TTile : IWinogradTile
    {
        int dp = layout.Kernels;
        nint point = WinogradLayout<T, TTile>.BlockStride(count, dp), row = (nint)layout.OutputWidth * dp;
        for (int t = 0; t < count; t++)
        {
            T* block = layout.OutputBlock(outputs, first + t);
            for (int f = 0; f < dp; f += TV.Count)
                WinogradTransforms.Output<T, TV, TTile>(m + (nint)t * dp + f, point, biases + f, block + f, dp, row);
        }
    }

    private static void Run<T, TTile>(ReadOnlySpan<T> x, in ConvGeometry g, ReadOnlySpan<T> kernels, int depth, ReadOnlySpan<T> bias,
        Span<T> y, int images, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        var layout = new WinogradLayout<T, TTile>(g, depth);
        int channels = g.Channels, cp = layout.Channels, dp = layout.Kernels, total = images * layout.Tiles;
        int points = WinogradLayout<T, TTile>.Points, blockTiles = WinogradLayout<T, TTile>.BlockTiles, stride = PointStride<T>(channels, depth);
        bool prepacked = GemmDriver.PrepackedLength<T>(depth, channels) > 0, inPlace = StoredB<T>.ReadsInPlace(depth);
        T* biases = stackalloc T[dp];
        for (int f = 0; f < dp; f++) biases[f] = bias.IsEmpty || f >= depth ? T.Zero : bias[f];

        fixed (T* source = x, u = kernels, result = y, work = workspace)
        {
            T* input = work, output = input + (nint)images * layout.InputLength;
            T* v = output + (nint)images * layout.OutputLength, m = v + points * WinogradLayout<T, TTile>.BlockStride(blockTiles, cp);
            for (int i = 0; i < images; i++) layout.LayOutImage(source + (nint)i * g.ImageSize, input + (nint)i * layout.InputLength);

            for (int first = 0; first < total; first += blockTiles)
            {
                int count = Math.Min(blockTiles, total - first);
                nint vPoint = WinogradLayout<T, TTile>.BlockStride(count, cp), mPoint = WinogradLayout<T, TTile>.BlockStride(count, dp);
                layout.TransformInputs(input, first, count, v);
                for (int xi = 0; xi < points; xi++)
                {
                    // With a few A panels, V's columns (each contiguous along the channels) are read where they are.
                    var b = new StoredB<T>(false, v + xi * vPoint, cp, count, inPlace ? Panels.Steps : null);
                    if (prepacked)
                        GemmDriver.Run(depth, count, channels, T.One, new PrepackedA<T>(u + (nint)xi * stride, depth), b, T.Zero, m + xi * mPoint, dp);
                    else
                        GemmDriver.Run(depth, count, channels, T.One, new StoredA<T>(false, u + (nint)xi * stride, depth), b, T.Zero, m + xi * mPoint, dp);
                }
                if (WinogradTransforms.Wide<T>(dp)) TransformOutputs<T, Lane512<T>, TTile>(layout, output, first, count, m, biases);
                else TransformOutputs<T, Lane256<T>, TTile>(layout, output, first, count, m, biases);
            }

            for (int i = 0; i < images; i++)
                layout.TakeOutput(output + (nint)i * layout.OutputLength, result + (nint)i * g.Positions * depth);
        }
    }
}
