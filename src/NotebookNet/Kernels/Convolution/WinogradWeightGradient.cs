using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The weight gradient of <see cref="WinogradConv"/>'s convolution, its transforms run backwards
/// (<see cref="IWinogradTile"/>): <c>∂L/∂g = Gᵀ [Σ over tiles (A ∂L/∂Y Aᵀ) ⊙ V] G</c>. The sum over tiles is one
/// product per point, <c>∂L/∂U[ξ] = Z[ξ] · V[ξ]ᵀ</c> (kernels × tiles times tiles × channels, Z = A ∂L/∂Y Aᵀ),
/// accumulated block after block of tiles in a fixed order, and taken back to 5×5 kernels once per call.
/// </summary>
public static unsafe partial class WinogradConv
{
    /// <summary>Elements of the workspace <see cref="AddWeightGradient{T}"/> needs for <paramref name="images"/> images.</summary>
    public static int WeightGradientWorkspaceLength<T>(in ConvGeometry g, int depth, int images) where T : struct
    {
        bool large = LargeTiles(g);
        if (typeof(T) == typeof(float))
            return large ? WeightGradientWorkspaceLength(new WinogradLayout<float, WinogradF4>(g, depth), g.Channels, images)
                : WeightGradientWorkspaceLength(new WinogradLayout<float, WinogradF2>(g, depth), g.Channels, images);
        if (typeof(T) == typeof(double))
            return large ? WeightGradientWorkspaceLength(new WinogradLayout<double, WinogradF4>(g, depth), g.Channels, images)
                : WeightGradientWorkspaceLength(new WinogradLayout<double, WinogradF2>(g, depth), g.Channels, images);
        return 0;
    }

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
        bool large = LargeTiles(g);
        if (typeof(T) == typeof(float))
        {
            var xs = MemoryMarshal.Cast<T, float>(x);
            var dys = MemoryMarshal.Cast<T, float>(dy);
            var dws = MemoryMarshal.Cast<T, float>(weightGradient);
            var ws = MemoryMarshal.Cast<T, float>(workspace);
            if (large) RunWeightGradient<float, WinogradF4>(xs, dys, g, depth, images, dws, ws);
            else RunWeightGradient<float, WinogradF2>(xs, dys, g, depth, images, dws, ws);
        }
        else
        {
            var xs = MemoryMarshal.Cast<T, double>(x);
            var dys = MemoryMarshal.Cast<T, double>(dy);
            var dws = MemoryMarshal.Cast<T, double>(weightGradient);
            var ws = MemoryMarshal.Cast<T, double>(workspace);
            if (large) RunWeightGradient<double, WinogradF4>(xs, dys, g, depth, images, dws, ws);
            else RunWeightGradient<double, WinogradF2>(xs, dys, g, depth, images, dws, ws);
        }
    }

    // The images and output gradients laid out, one block's V and Z, and the point gradients (C × padded kernels each).
    private static int WeightGradientWorkspaceLength<T, TTile>(in WinogradLayout<T, TTile> layout, int channels, int images)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        int block = WinogradLayout<T, TTile>.BlockTiles;
        return checked((int)((long)images * (layout.InputLength + layout.OutputLength) + WinogradLayout<T, TTile>.Points
            * (WinogradLayout<T, TTile>.BlockStride(block, layout.Channels) + WinogradLayout<T, TTile>.BlockStride(block, layout.Kernels)
               + WinogradLayout<T, TTile>.BlockStride(channels, layout.Kernels))));
    }

    // Z = A ∂Y Aᵀ for tiles [first, first + count) of the laid-out output gradients.
    private static void TransformOutputGradients<T, TV, TTile>(in WinogradLayout<T, TTile> layout, T* grads, int first, int count, T* z)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged, ILane<TV, T>
        where TTile : IWinogradTile
    {
        int dp = layout.Kernels;
        nint point = WinogradLayout<T, TTile>.BlockStride(count, dp), row = (nint)layout.OutputWidth * dp;
        for (int t = 0; t < count; t++)
        {
            T* block = layout.OutputBlock(grads, first + t);
            for (int f = 0; f < dp; f += TV.Count)
                WinogradTransforms.OutputGradient<T, TV, TTile>(block + f, dp, row, z + (nint)t * dp + f, point);
        }
    }

    private static void RunWeightGradient<T, TTile>(ReadOnlySpan<T> x, ReadOnlySpan<T> dy, in ConvGeometry g, int depth, int images,
        Span<T> weightGradient, Span<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        var layout = new WinogradLayout<T, TTile>(g, depth);
        int channels = g.Channels, cp = layout.Channels, dp = layout.Kernels, w = Vector256<T>.Count, total = images * layout.Tiles;
        int points = WinogradLayout<T, TTile>.Points, blockTiles = WinogradLayout<T, TTile>.BlockTiles;
        nint size = WinogradLayout<T, TTile>.BlockStride(channels, dp);
        // With a few A panels, the rows of V[ξ]ᵀ (a tile's channels, contiguous) are read where they are: row p at p·cp.
        int* rows = null;
        if (StoredB<T>.ReadsInPlace(depth))
        {
            int* offsets = stackalloc int[blockTiles];
            for (int p = 0; p < blockTiles; p++) offsets[p] = p * cp;
            rows = offsets;
        }
        fixed (T* source = x, gradient = dy, dw = weightGradient, work = workspace)
        {
            T* input = work, grads = input + (nint)images * layout.InputLength;
            T* v = grads + (nint)images * layout.OutputLength, z = v + points * WinogradLayout<T, TTile>.BlockStride(blockTiles, cp);
            T* products = z + points * WinogradLayout<T, TTile>.BlockStride(blockTiles, dp);
            for (int i = 0; i < images; i++)
            {
                layout.LayOutImage(source + (nint)i * g.ImageSize, input + (nint)i * layout.InputLength);
                layout.LayOutOutput(gradient + (nint)i * g.Positions * depth, grads + (nint)i * layout.OutputLength);
            }

            for (int first = 0; first < total; first += blockTiles)
            {
                int count = Math.Min(blockTiles, total - first);
                nint vPoint = WinogradLayout<T, TTile>.BlockStride(count, cp), zPoint = WinogradLayout<T, TTile>.BlockStride(count, dp);
                layout.TransformInputs(input, first, count, v);
                if (WinogradTransforms.Wide<T>(dp)) TransformOutputGradients<T, Lane512<T>, TTile>(layout, grads, first, count, z);
                else TransformOutputGradients<T, Lane256<T>, TTile>(layout, grads, first, count, z);
                // ∂L/∂U[ξ] (depth × C, rows padded to dp) += Z[ξ] (depth × tiles) · V[ξ]ᵀ (tiles × C).
                T beta = first == 0 ? T.Zero : T.One;
                for (int xi = 0; xi < points; xi++)
                    GemmDriver.Run(depth, channels, count, T.One, new StoredA<T>(false, z + xi * zPoint, dp),
                        new StoredB<T>(true, v + xi * vPoint, cp, channels, rows), beta, products + xi * size, dp);
            }

            // Whole vectors of kernels at once, the last few (a depth that is not whole vectors) one by one.
            int wide = WinogradTransforms.Wide<T>(dp) ? depth / (2 * w) * (2 * w) : 0, full = depth / w * w;
            for (int c = 0; c < channels; c++)
            {
                for (int f = 0; f < wide; f += 2 * w)
                    WinogradTransforms.AddKernelGradient<T, Lane512<T>, TTile>(products + c * dp + f, size, dw + f + c * 25 * depth, depth);
                for (int f = wide; f < full; f += w)
                    WinogradTransforms.AddKernelGradient<T, Lane256<T>, TTile>(products + c * dp + f, size, dw + f + c * 25 * depth, depth);
            }
            double* values = stackalloc double[points], kernel = stackalloc double[25];
            for (int c = 0; c < channels; c++)
                for (int f = full; f < depth; f++)
                {
                    for (int xi = 0; xi < points; xi++) values[xi] = double.CreateChecked(products[xi * size + c * dp + f]);
                    WinogradTransforms.KernelGradient<TTile>(values, kernel);
                    for (int t = 0; t < 25; t++) dw[f + (c * 25 + t) * depth] += T.CreateChecked(kernel[t]);
                }
        }
    }
}
