using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The two-dimensional transforms of a Winograd scheme (<see cref="IWinogradTile"/>): each is its one-dimensional line
/// down every column of a tile, then along every row. Tiles in memory are addressed by element strides (multiples of
/// the lane width) and read and written as lanes of channels or kernels (<see cref="ILane{TV, T}"/>: 512-bit ones where
/// <see cref="Wide{T}"/>, else 256-bit); intermediate results stay on the stack.
/// </summary>
internal static unsafe class WinogradTransforms
{
    /// <summary>Most values of one tile: α ≤ 8.</summary>
    private const int MaxPoints = 64;

    /// <summary>u (α×α, row-major) = G g Gᵀ for one 5×5 kernel g (row-major).</summary>
    public static void Kernel<TTile>(double* g, double* u) where TTile : IWinogradTile
    {
        int a = TTile.Tile;
        double* half = stackalloc double[MaxPoints]; // G g: α×5
        for (int c = 0; c < 5; c++) TTile.Kernel(g + c, 5, half + c, 5);
        for (int r = 0; r < a; r++) TTile.Kernel(half + r * 5, 1, u + r * a, 1);
    }

    /// <summary>dg (5×5, row-major) = Gᵀ m G for one kernel's α×α point gradients m (row-major).</summary>
    public static void KernelGradient<TTile>(double* m, double* dg) where TTile : IWinogradTile
    {
        int a = TTile.Tile;
        double* half = stackalloc double[MaxPoints]; // Gᵀ m: 5×α
        for (int c = 0; c < a; c++) TTile.KernelGradient(m + c, a, half + c, a);
        for (int r = 0; r < 5; r++) TTile.KernelGradient(half + r * a, 1, dg + r * 5, 1);
    }

    /// <summary>
    /// dw[(5ki + kj)·weight] += (Gᵀ m G)(ki, kj) on a vector of kernels, point (i, j) of m at <c>m + (α·i + j)·point</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddKernelGradient<T, TV, TTile>(T* m, nint point, T* dw, nint weight)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged, ILane<TV, T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile;
        nint w = TV.Count;
        TV* half = stackalloc TV[MaxPoints];
        TV* row = stackalloc TV[5];
        for (int c = 0; c < a; c++) TTile.KernelGradient<TV, T>((TV*)(m + c * point), a * point / w, half + c, a);
        for (int r = 0; r < 5; r++)
        {
            TTile.KernelGradient<TV, T>(half + r * a, 1, row, 1);
            for (int c = 0; c < 5; c++)
            {
                TV* o = (TV*)(dw + (5 * r + c) * weight);
                *o = *o + row[c];
            }
        }
    }

    /// <summary>V = Bᵀ d B for a tile whose value (i, j) is at <c>d + i·row + j·pixel</c>: point (i, j) to <c>v + (α·i + j)·point</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<T, TV, TTile>(T* d, nint pixel, nint row, T* v, nint point)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged, ILane<TV, T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile;
        nint w = TV.Count;
        TV* t = stackalloc TV[MaxPoints];
        for (int j = 0; j < a; j++) TTile.Input<TV, T>((TV*)(d + j * pixel), row / w, t + j, a);
        for (int i = 0; i < a; i++) TTile.Input<TV, T>(t + i * a, 1, (TV*)(v + i * a * point), point / w);
    }

    /// <summary>
    /// Y = Aᵀ M A + bias for one tile's products, point (i, j) of M at <c>m + (α·i + j)·point</c>, bias at
    /// <paramref name="bias"/>: output (r, c) of the block to <c>y + r·row + c·pixel</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<T, TV, TTile>(T* m, nint point, T* bias, T* y, nint pixel, nint row)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged, ILane<TV, T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile, o = TTile.Out;
        nint w = TV.Count;
        TV* t = stackalloc TV[MaxPoints];
        TV* line = stackalloc TV[8];
        TV b = *(TV*)bias;
        for (int j = 0; j < a; j++) TTile.Output<TV, T>((TV*)(m + j * point), a * point / w, t + j, a);
        for (int r = 0; r < o; r++)
        {
            TTile.Output<TV, T>(t + r * a, 1, line, 1);
            for (int c = 0; c < o; c++) *(TV*)(y + r * row + c * pixel) = line[c] + b;
        }
    }

    /// <summary>
    /// Z = A ∂Y Aᵀ for one block of output gradients, value (r, c) at <c>dy + r·row + c·pixel</c>: point (i, j) to
    /// <c>z + (α·i + j)·point</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OutputGradient<T, TV, TTile>(T* dy, nint pixel, nint row, T* z, nint point)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged, ILane<TV, T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile, o = TTile.Out;
        nint w = TV.Count;
        TV* t = stackalloc TV[MaxPoints]; // ∂Y A: m×α
        for (int r = 0; r < o; r++) TTile.OutputGradient<TV, T>((TV*)(dy + r * row), pixel / w, t + r * a, 1);
        for (int j = 0; j < a; j++) TTile.OutputGradient<TV, T>(t + j, a, (TV*)(z + j * point), a * point / w);
    }

    /// <summary>Whether runs of <paramref name="count"/> values (and strides that are multiples of it) go in 512-bit lanes.</summary>
    public static bool Wide<T>(int count) where T : unmanaged => Simd.Wide && count % Vector512<T>.Count == 0;
}
