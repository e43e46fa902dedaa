using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The weight gradient of <see cref="WinogradConv"/>'s convolution, its transforms run backwards: with
/// Y = Aᵀ (U ⊙ V) A for every tile and U = G g Gᵀ, <c>∂L/∂g = Gᵀ [Σ over tiles (A ∂L/∂Y Aᵀ) ⊙ V] G</c>. The sum over
/// tiles is one product per point, <c>∂L/∂U[ξ] = Z[ξ] · V[ξ]ᵀ</c> (kernels × tiles times tiles × channels, Z = A ∂L/∂Y Aᵀ),
/// accumulated block after block of tiles in a fixed order, and taken back to 5×5 kernels once per call.
/// </summary>
public static unsafe partial class WinogradConv
{
    /// <summary>Elements of the workspace <see cref="AddWeightGradient{T}"/> needs for <paramref name="images"/> images.</summary>
    public static int WeightGradientWorkspaceLength<T>(in ConvGeometry g, int depth, int images) where T : struct =>
        typeof(T) == typeof(float) ? WeightGradientWorkspaceLength(new WinogradLayout<float>(g, depth), g.Channels, depth, images)
        : typeof(T) == typeof(double) ? WeightGradientWorkspaceLength(new WinogradLayout<double>(g, depth), g.Channels, depth, images) : 0;

    /// <summary>
    /// ∂L/∂W (depth × C·25, column-major) += the gradient of <paramref name="images"/> CHW images in <paramref name="x"/>
    /// with output gradients <paramref name="dy"/> (CHW, depth × OutHeight × OutWidth each).
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

    // The images and output gradients laid out, one block's V and Z, and the 36 point gradients.
    private static int WeightGradientWorkspaceLength<T>(in WinogradLayout<T> layout, int channels, int depth, int images)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        checked((int)((long)images * (layout.InputLength + layout.OutputLength) + Winograd5x5.Points
            * (WinogradLayout<T>.BlockStride(TileBlock, layout.Channels) + WinogradLayout<T>.BlockStride(TileBlock, layout.Kernels)
               + WinogradLayout<T>.BlockStride(depth, channels))));

    private static void RunWeightGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, in ConvGeometry g, int depth, int images,
        Span<T> weightGradient, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layout = new WinogradLayout<T>(g, depth);
        int channels = g.Channels, cp = layout.Channels, dp = layout.Kernels, w = Vector256<T>.Count, total = images * layout.Tiles;
        nint size = WinogradLayout<T>.BlockStride(depth, channels), row = (nint)layout.OutputWidth * dp;
        fixed (T* source = x, gradient = dy, dw = weightGradient, work = workspace)
        {
            T* input = work, grads = input + (nint)images * layout.InputLength;
            T* v = grads + (nint)images * layout.OutputLength, z = v + Winograd5x5.Points * WinogradLayout<T>.BlockStride(TileBlock, cp);
            T* products = z + Winograd5x5.Points * WinogradLayout<T>.BlockStride(TileBlock, dp);
            for (int i = 0; i < images; i++)
            {
                layout.LayOutImage(source + (nint)i * g.ImageSize, input + (nint)i * layout.InputLength);
                layout.LayOutOutput(gradient + (nint)i * g.Positions * depth, grads + (nint)i * layout.OutputLength);
            }

            for (int first = 0; first < total; first += TileBlock)
            {
                int count = Math.Min(TileBlock, total - first);
                nint vPoint = WinogradLayout<T>.BlockStride(count, cp), zPoint = WinogradLayout<T>.BlockStride(count, dp);
                layout.TransformInputs(input, first, count, v);
                for (int t = 0; t < count; t++)
                {
                    T* block = layout.OutputBlock(grads, first + t);
                    for (int f = 0; f < dp; f += w)
                        Winograd5x5.OutputGradient(block + f, dp, row, z + (nint)t * dp + f, zPoint);
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
}
