using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// Stride-1 convolution as an implicit GEMM: the image is copied once into a zero-bordered buffer
/// (<see cref="Pad{T}"/>), and the products read their im2col operand straight from it
/// (<see cref="ImplicitPatches{T}"/> for the convolutions, <see cref="ImplicitColumns{T}"/> for ∂L/∂W), so the
/// positions × C·k·k column matrix — 600 KB per image for LeNet-5's second layer, more than the L2 cache — is
/// never written out or read back.
/// The input gradient is itself such a convolution: of ∂L/∂Y, padded by k − 1 − padding, with the kernels
/// flipped and their channel axes swapped (<see cref="FlipWeights{T}"/>), so col2im's scatter disappears too.
/// All products run on the calling thread; callers split a batch of images between the cores.
/// </summary>
public static unsafe class ImplicitGemmConv
{
    /// <summary>Extra elements after a padded image: the packers read one panel's width past its end.</summary>
    private const int Slack = 16;

    /// <summary>Whether these kernels handle <paramref name="g"/> for element type <typeparamref name="T"/>.</summary>
    public static bool Supports<T>(in ConvGeometry g) =>
        Simd.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        && g.Stride == 1 && g.Padding < g.KernelSize && g.OutHeight > 0 && g.OutWidth > 0;

    /// <summary>Elements of one padded image buffer for <paramref name="g"/>.</summary>
    public static int PaddedLength(in ConvGeometry g) =>
        g.Channels * (g.Height + 2 * g.Padding) * (g.Width + 2 * g.Padding) + Slack;

    /// <summary>The geometry of the input-gradient convolution: ∂L/∂Y (depth channels) → ∂L/∂X (g's channels).</summary>
    public static ConvGeometry InputGradientGeometry(in ConvGeometry g, int depth) =>
        new(depth, g.OutHeight, g.OutWidth, g.KernelSize, 1, g.KernelSize - 1 - g.Padding);

    /// <summary>Copies one CHW image into <paramref name="padded"/> (<see cref="PaddedLength"/>) with a zero border of g.Padding.</summary>
    public static void Pad<T>(ReadOnlySpan<T> image, in ConvGeometry g, Span<T> padded) where T : struct
    {
        int p = g.Padding, h = g.Height, w = g.Width, wp = w + 2 * p, plane = (h + 2 * p) * wp;
        if (image.Length < g.ImageSize || padded.Length < PaddedLength(g))
            throw new ArgumentException($"Pad: {g.Channels}x{h}x{w} needs {g.ImageSize} values and a {PaddedLength(g)}-value buffer, got {image.Length} and {padded.Length}.");
        if (p == 0)
        {
            image[..g.ImageSize].CopyTo(padded);
            padded.Slice(g.ImageSize, Slack).Clear();
            return;
        }
        padded[..PaddedLength(g)].Clear();
        for (int c = 0; c < g.Channels; c++)
            for (int y = 0; y < h; y++)
                image.Slice((c * h + y) * w, w).CopyTo(padded.Slice(c * plane + (y + p) * wp + p, w));
    }

    /// <summary>
    /// Elements <see cref="PackWeights{T}"/> fills for <paramref name="depth"/> kernels of <paramref name="g"/>,
    /// or 0 when there are too many kernels to pack them once for all images (then each product packs them).
    /// </summary>
    public static int PackedWeightsLength<T>(in ConvGeometry g, int depth) where T : struct =>
        typeof(T) == typeof(float) ? GemmDriver.PrepackedLength<float>(depth, g.PatchSize)
        : typeof(T) == typeof(double) ? GemmDriver.PrepackedLength<double>(depth, g.PatchSize) : 0;

    /// <summary>Packs W (depth × C·k·k, column-major) once per batch for <see cref="Forward{T}"/>.</summary>
    public static void PackWeights<T>(ReadOnlySpan<T> weights, in ConvGeometry g, int depth, Span<T> packed)
        where T : struct, IFloatingPointIeee754<T>
    {
        int length = PackedWeightsLength<T>(g, depth);
        if (length == 0 || packed.Length < length || weights.Length < depth * g.PatchSize)
            throw new ArgumentException($"PackWeights: {depth}x{g.PatchSize} kernels need {depth * g.PatchSize} weights and a {length}-value buffer, got {weights.Length} and {packed.Length}.");
        if (typeof(T) == typeof(float))
            Prepack(MemoryMarshal.Cast<T, float>(weights), depth, g.PatchSize, MemoryMarshal.Cast<T, float>(packed));
        else
            Prepack(MemoryMarshal.Cast<T, double>(weights), depth, g.PatchSize, MemoryMarshal.Cast<T, double>(packed));
    }

    /// <summary>
    /// y (positions × depth, column-major: CHW) = columns(padded) · Wᵀ + bias, with W (depth × C·k·k) column-major
    /// and <paramref name="packedWeights"/> from <see cref="PackWeights{T}"/> (or empty). An empty
    /// <paramref name="bias"/> adds nothing. Computed as Yᵀ = W · columnsᵀ, so the few kernels are the rows of
    /// the product and the many positions its columns, then transposed into channel-major order.
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> padded, in ConvGeometry g, ReadOnlySpan<T> weights, ReadOnlySpan<T> packedWeights,
        int depth, ReadOnlySpan<T> bias, Span<T> y)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(g, padded.Length, weights.Length, depth, y.Length, "Forward");
        if (!bias.IsEmpty && bias.Length < depth) throw new ArgumentException($"ImplicitGemmConv.Forward: {depth} kernels need {depth} biases, got {bias.Length}.");
        if (typeof(T) == typeof(float))
            Run(MemoryMarshal.Cast<T, float>(padded), g, MemoryMarshal.Cast<T, float>(weights), MemoryMarshal.Cast<T, float>(packedWeights),
                depth, MemoryMarshal.Cast<T, float>(bias), MemoryMarshal.Cast<T, float>(y));
        else
            Run(MemoryMarshal.Cast<T, double>(padded), g, MemoryMarshal.Cast<T, double>(weights), MemoryMarshal.Cast<T, double>(packedWeights),
                depth, MemoryMarshal.Cast<T, double>(bias), MemoryMarshal.Cast<T, double>(y));
    }

    /// <summary>∂L/∂W (depth × C·k·k) += ∂L/∂Yᵀ · columns(padded), with ∂L/∂Y (positions × depth) of one image.</summary>
    public static void AddWeightGradient<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> padded, in ConvGeometry g, int depth, Span<T> weightGradient)
        where T : struct, IFloatingPointIeee754<T>
    {
        Check(g, padded.Length, weightGradient.Length, depth, outputGradient.Length, "AddWeightGradient");
        if (typeof(T) == typeof(float))
            RunWeightGradient(MemoryMarshal.Cast<T, float>(outputGradient), MemoryMarshal.Cast<T, float>(padded), g, depth,
                MemoryMarshal.Cast<T, float>(weightGradient));
        else
            RunWeightGradient(MemoryMarshal.Cast<T, double>(outputGradient), MemoryMarshal.Cast<T, double>(padded), g, depth,
                MemoryMarshal.Cast<T, double>(weightGradient));
    }

    /// <summary>
    /// The kernels of the input-gradient convolution, (C × depth·k·k) column-major:
    /// <c>flipped[c, (f, ki, kj)] = W[f, (c, k−1−ki, k−1−kj)]</c>.
    /// </summary>
    public static void FlipWeights<T>(ReadOnlySpan<T> weights, in ConvGeometry g, int depth, Span<T> flipped) where T : struct
    {
        int k = g.KernelSize, kk = k * k, channels = g.Channels;
        if (weights.Length < depth * g.PatchSize || flipped.Length < depth * g.PatchSize)
            throw new ArgumentException($"FlipWeights: {depth}x{g.PatchSize} kernels need {depth * g.PatchSize} values.");
        for (int f = 0; f < depth; f++)
            for (int c = 0; c < channels; c++)
                for (int t = 0; t < kk; t++)
                    flipped[c + (f * kk + t) * channels] = weights[f + (c * kk + kk - 1 - t) * depth];
    }

    private static void Prepack<T>(ReadOnlySpan<T> weights, int depth, int patch, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* w = weights, dst = packed)
            GemmDriver.Prepack(depth, patch, new StoredA<T>(false, w, depth), dst);
    }

    private static void Run<T>(ReadOnlySpan<T> padded, in ConvGeometry g, ReadOnlySpan<T> weights, ReadOnlySpan<T> packedWeights,
        int depth, ReadOnlySpan<T> bias, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int patch = g.PatchSize, positions = g.Positions;
        int* offsets = stackalloc int[patch];
        Offsets(g, offsets);
        T* transposed = ScratchBuffer<T>.Slot2(depth * positions);
        fixed (T* image = padded, w = weights, packed = packedWeights, c = y)
        {
            var patches = new ImplicitPatches<T>(image, offsets, g.OutWidth, g.Width + 2 * g.Padding);
            if (packedWeights.IsEmpty)
                GemmDriver.Run(depth, positions, patch, T.One, new StoredA<T>(false, w, depth), patches, T.Zero, transposed, depth);
            else
                GemmDriver.Run(depth, positions, patch, T.One, new PrepackedA<T>(packed, depth), patches, T.Zero, transposed, depth);
            Transpose.Matrix(transposed, depth, positions, depth, c, positions);
        }
        if (!bias.IsEmpty)
            for (int f = 0; f < depth; f++)
            {
                var map = y.Slice(f * positions, positions);
                SpanMath.AddScalar<T>(map, bias[f], map);
            }
    }

    private static void RunWeightGradient<T>(ReadOnlySpan<T> dy, ReadOnlySpan<T> padded, in ConvGeometry g, int depth, Span<T> dw)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int patch = g.PatchSize, positions = g.Positions, wp = g.Width + 2 * g.Padding;
        int* offsets = stackalloc int[patch];
        int* positionOffsets = stackalloc int[positions];
        Offsets(g, offsets);
        for (int p = 0; p < positions; p++) positionOffsets[p] = p / g.OutWidth * wp + p % g.OutWidth;
        fixed (T* image = padded, a = dy, c = dw)
        {
            var columns = new ImplicitColumns<T>(image, offsets, positionOffsets);
            GemmDriver.Run(depth, patch, positions, T.One, new StoredA<T>(true, a, positions), columns, T.One, c, depth);
        }
    }

    /// <summary>offsets[(c·k + ki)·k + kj] = where window element (c, ki, kj) of output position 0 sits in the padded image.</summary>
    private static void Offsets(in ConvGeometry g, int* offsets)
    {
        int k = g.KernelSize, wp = g.Width + 2 * g.Padding, plane = (g.Height + 2 * g.Padding) * wp, r = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++)
                    offsets[r++] = c * plane + ki * wp + kj;
    }

    private static void Check(in ConvGeometry g, int paddedLength, int weightLength, int depth, int outputLength, string what)
    {
        if (!Supports<float>(g) && !Supports<double>(g))
            throw new NotSupportedException($"ImplicitGemmConv.{what}: only stride 1 with padding below the kernel size on AVX2/FMA, got {g}.");
        if (paddedLength < PaddedLength(g) || weightLength < depth * g.PatchSize || outputLength < g.Positions * depth)
            throw new ArgumentException(
                $"ImplicitGemmConv.{what}: {g} with {depth} kernels needs a {PaddedLength(g)}-value padded image, {depth * g.PatchSize} weights " +
                $"and {g.Positions * depth} outputs, got {paddedLength}, {weightLength} and {outputLength}.");
    }
}
