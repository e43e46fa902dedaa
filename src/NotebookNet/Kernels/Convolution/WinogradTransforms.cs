using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The two-dimensional transforms of a Winograd scheme (<see cref="IWinogradTile"/>): each is its one-dimensional line
/// down every column of a tile, then along every row. Tiles in memory are addressed by element strides (multiples of
/// the vector width) and read and written as vectors of channels or kernels; intermediate results stay on the stack.
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
    public static void AddKernelGradient<T, TTile>(T* m, nint point, T* dw, nint weight)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile;
        nint w = Vector256<T>.Count;
        Vector256<T>* half = stackalloc Vector256<T>[MaxPoints];
        Vector256<T>* row = stackalloc Vector256<T>[5];
        for (int c = 0; c < a; c++) TTile.KernelGradient((Vector256<T>*)(m + c * point), a * point / w, half + c, a);
        for (int r = 0; r < 5; r++)
        {
            TTile.KernelGradient(half + r * a, 1, row, 1);
            for (int c = 0; c < 5; c++)
            {
                T* o = dw + (5 * r + c) * weight;
                (Vector256.Load(o) + row[c]).Store(o);
            }
        }
    }

    /// <summary>V = Bᵀ d B for a tile whose value (i, j) is at <c>d + i·row + j·pixel</c>: point (i, j) to <c>v + (α·i + j)·point</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<T, TTile>(T* d, nint pixel, nint row, T* v, nint point)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile;
        nint w = Vector256<T>.Count;
        Vector256<T>* t = stackalloc Vector256<T>[MaxPoints];
        for (int j = 0; j < a; j++) TTile.Input((Vector256<T>*)(d + j * pixel), row / w, t + j, a);
        for (int i = 0; i < a; i++) TTile.Input(t + i * a, 1, (Vector256<T>*)(v + i * a * point), point / w);
    }

    /// <summary>
    /// Y = Aᵀ M A + bias for one tile's products, point (i, j) of M at <c>m + (α·i + j)·point</c>: output (r, c) of the
    /// block to <c>y + r·row + c·pixel</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<T, TTile>(T* m, nint point, Vector256<T> bias, T* y, nint pixel, nint row)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile, o = TTile.Out;
        nint w = Vector256<T>.Count;
        Vector256<T>* t = stackalloc Vector256<T>[MaxPoints];
        Vector256<T>* line = stackalloc Vector256<T>[8];
        for (int j = 0; j < a; j++) TTile.Output((Vector256<T>*)(m + j * point), a * point / w, t + j, a);
        for (int r = 0; r < o; r++)
        {
            TTile.Output(t + r * a, 1, line, 1);
            for (int c = 0; c < o; c++) (line[c] + bias).Store(y + r * row + c * pixel);
        }
    }

    /// <summary>
    /// Z = A ∂Y Aᵀ for one block of output gradients, value (r, c) at <c>dy + r·row + c·pixel</c>: point (i, j) to
    /// <c>z + (α·i + j)·point</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OutputGradient<T, TTile>(T* dy, nint pixel, nint row, T* z, nint point)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TTile : IWinogradTile
    {
        int a = TTile.Tile, o = TTile.Out;
        nint w = Vector256<T>.Count;
        Vector256<T>* t = stackalloc Vector256<T>[MaxPoints]; // ∂Y A: m×α
        for (int r = 0; r < o; r++) TTile.OutputGradient((Vector256<T>*)(dy + r * row), pixel / w, t + r * a, 1);
        for (int j = 0; j < a; j++) TTile.OutputGradient(t + j, a, (Vector256<T>*)(z + j * point), a * point / w);
    }
}
