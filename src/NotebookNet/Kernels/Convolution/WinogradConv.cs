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
/// Images are first laid out pixel-major (<see cref="WinogradLayout{T}"/>), so the transforms run on vectors of channels.
/// Tiles of several images go through the products together, in blocks small enough that a block's V and M stay in
/// cache; every output is computed the same way whatever its block, so the result does not depend on how a batch is cut.
/// The input gradient is the same convolution of ∂L/∂Y with the flipped kernels
/// (<see cref="ImplicitGemmConv.InputGradientGeometry"/>, <see cref="ImplicitGemmConv.FlipWeights{T}"/>); the weight
/// gradient runs the transforms backwards (<see cref="AddWeightGradient{T}"/>, in WinogradWeightGradient.cs).
/// All products run on the calling thread; callers split a batch of images between the cores.
/// </summary>
public static unsafe partial class WinogradConv
{
    /// <summary>Most tiles per block of 36 products: a block's transformed inputs and products stay within L2.</summary>
    private const int TileBlock = 48;

    /// <summary>Whether these kernels handle <paramref name="g"/> for element type <typeparamref name="T"/>.</summary>
    public static bool Supports<T>(in ConvGeometry g) =>
        Simd.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        && g.Stride == 1 && g.KernelSize == 5 && g.Padding <= 4 && g.OutHeight > 0 && g.OutWidth > 0;

    /// <summary>Images per <see cref="Forward{T}"/> call that fill one block of tiles (at least one).</summary>
    public static int ImagesPerCall(in ConvGeometry g) => Math.Max(1, TileBlock / new WinogradLayout<float>(g, 1).Tiles);

    /// <summary>Elements <see cref="TransformKernels{T}"/> writes for <paramref name="depth"/> kernels of <paramref name="g"/>.</summary>
    public static int KernelsLength<T>(in ConvGeometry g, int depth) where T : struct =>
        Winograd5x5.Points * PointStride<T>(g.Channels, depth);

    /// <summary>Elements of the workspace <see cref="Forward{T}"/> needs for <paramref name="images"/> images.</summary>
    public static int WorkspaceLength<T>(in ConvGeometry g, int depth, int images) where T : struct =>
        typeof(T) == typeof(float) ? WorkspaceLength(new WinogradLayout<float>(g, depth), images)
        : typeof(T) == typeof(double) ? WorkspaceLength(new WinogradLayout<double>(g, depth), images) : 0;

    // The images and outputs laid out, then one block's V and M.
    private static int WorkspaceLength<T>(in WinogradLayout<T> layout, int images) where T : unmanaged, IFloatingPointIeee754<T> =>
        checked((int)((long)images * (layout.InputLength + layout.OutputLength)
            + Winograd5x5.Points * (WinogradLayout<T>.BlockStride(TileBlock, layout.Channels) + WinogradLayout<T>.BlockStride(TileBlock, layout.Kernels))));

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
        var layout = new WinogradLayout<T>(g, depth);
        int channels = g.Channels, cp = layout.Channels, dp = layout.Kernels, total = images * layout.Tiles;
        int stride = PointStride<T>(channels, depth);
        bool prepacked = GemmDriver.PrepackedLength<T>(depth, channels) > 0;
        nint row = (nint)layout.OutputWidth * dp;
        T* biases = stackalloc T[dp];
        for (int f = 0; f < dp; f++) biases[f] = bias.IsEmpty || f >= depth ? T.Zero : bias[f];

        fixed (T* source = x, u = kernels, result = y, work = workspace)
        {
            T* input = work, output = input + (nint)images * layout.InputLength;
            T* v = output + (nint)images * layout.OutputLength, m = v + Winograd5x5.Points * WinogradLayout<T>.BlockStride(TileBlock, cp);
            for (int i = 0; i < images; i++) layout.LayOutImage(source + (nint)i * g.ImageSize, input + (nint)i * layout.InputLength);

            for (int first = 0; first < total; first += TileBlock)
            {
                int count = Math.Min(TileBlock, total - first);
                nint vPoint = WinogradLayout<T>.BlockStride(count, cp), mPoint = WinogradLayout<T>.BlockStride(count, dp);
                layout.TransformInputs(input, first, count, v);
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
                    T* block = layout.OutputBlock(output, first + t);
                    for (int f = 0; f < dp; f += Vector256<T>.Count)
                        Winograd5x5.Output(m + (nint)t * dp + f, mPoint, Vector256.Load(biases + f), block + f, dp, row);
                }
            }

            for (int i = 0; i < images; i++)
                layout.TakeOutput(output + (nint)i * layout.OutputLength, result + (nint)i * g.Positions * depth);
        }
    }
}
