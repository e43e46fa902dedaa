using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// F(2×2, 5×5) (<see cref="IWinogradTile"/>): 6×6 tiles, 36 multiplications for 4 outputs instead of 100, on the
/// points 0, 1, −1, 2, −2 and ∞:
/// <code>
///      | 4  0 −5  0  1  0 |        | 1/4    0    0    0    0 |
///      | 0  4  4 −1 −1  0 |        | 1/6  1/6  1/6  1/6  1/6 |
/// Bᵀ = | 0 −4  4  1 −1  0 |    G = | 1/6 −1/6  1/6 −1/6  1/6 |    Aᵀ = | 1 1  1 1  1 0 |
///      | 0 −2 −1  2  1  0 |        | 1/24 1/12 1/6  1/3  2/3 |         | 0 1 −1 2 −2 1 |
///      | 0  2 −1 −2  1  0 |        | 1/24 −1/12 1/6 −1/3 2/3 |
///      | 0  4  0 −5  0  1 |        | 0      0    0    0    1 |
/// </code>
/// They are the points of the paper's F(4×4, 3×3), whose Bᵀ this is: small integers, pairs ±a that share
/// subexpressions, and a rounding error no larger than the other five-point sets tried (with ½ or −½ in place of a
/// ±2). No output is wasted on an even output size; <see cref="WinogradF4"/> needs fewer multiplications on larger ones.
/// </summary>
internal readonly unsafe struct WinogradF2 : IWinogradTile
{
    public static int Out => 2;
    public static int Tile => 6;

    public static void Kernel(double* g, nint gs, double* u, nint us)
    {
        double g0 = g[0], g1 = g[gs], g2 = g[2 * gs], g3 = g[3 * gs], g4 = g[4 * gs];
        double even = g0 + g2 + g4, odd = g1 + g3, evenW = g0 / 4 + g2 + 4 * g4, oddW = g1 / 2 + 2 * g3;
        u[0] = g0 / 4;
        u[us] = (even + odd) / 6;
        u[2 * us] = (even - odd) / 6;
        u[3 * us] = (evenW + oddW) / 6;
        u[4 * us] = (evenW - oddW) / 6;
        u[5 * us] = g4;
    }

    public static void KernelGradient(double* m, nint ms, double* g, nint gs)
    {
        double plus = m[ms] + m[2 * ms], minus = m[ms] - m[2 * ms], plus2 = m[3 * ms] + m[4 * ms], minus2 = m[3 * ms] - m[4 * ms];
        g[0] = m[0] / 4 + plus / 6 + plus2 / 24;
        g[gs] = minus / 6 + minus2 / 12;
        g[2 * gs] = (plus + plus2) / 6;
        g[3 * gs] = minus / 6 + minus2 / 3;
        g[4 * gs] = plus / 6 + plus2 * 2 / 3 + m[5 * ms];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KernelGradient<TV, T>(TV* m, nint ms, TV* g, nint gs) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        var plus = m[ms] + m[2 * ms];
        var minus = m[ms] - m[2 * ms];
        var plus2 = m[3 * ms] + m[4 * ms];
        var minus2 = m[3 * ms] - m[4 * ms];
        g[0] = m[0] * TV.Constant(1, 4) + plus * TV.Constant(1, 6) + plus2 * TV.Constant(1, 24);
        g[gs] = minus * TV.Constant(1, 6) + minus2 * TV.Constant(1, 12);
        g[2 * gs] = (plus + plus2) * TV.Constant(1, 6);
        g[3 * gs] = minus * TV.Constant(1, 6) + minus2 * TV.Constant(1, 3);
        g[4 * gs] = plus * TV.Constant(1, 6) + plus2 * TV.Constant(2, 3) + m[5 * ms];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input<TV, T>(TV* d, nint ds, TV* t, nint ts) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        TV d0 = d[0], d1 = d[ds], d2 = d[2 * ds], d3 = d[3 * ds], d4 = d[4 * ds], d5 = d[5 * ds];
        var four = TV.Constant(4, 1);
        var five = TV.Constant(5, 1);
        var p = four * d2 - d4;
        var q = four * d1 - d3;
        var r = d4 - d2;
        var s = (d3 - d1) + (d3 - d1);
        t[0] = four * d0 - five * d2 + d4;
        t[ts] = p + q;
        t[2 * ts] = p - q;
        t[3 * ts] = r + s;
        t[4 * ts] = r - s;
        t[5 * ts] = four * d1 - five * d3 + d5;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output<TV, T>(TV* m, nint ms, TV* y, nint ys) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        TV m1 = m[ms], m2 = m[2 * ms], m3 = m[3 * ms], m4 = m[4 * ms];
        var minus2 = m3 - m4;
        y[0] = m[0] + (m1 + m2) + (m3 + m4);
        y[ys] = (m1 - m2) + (minus2 + minus2) + m[5 * ms];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputGradient<TV, T>(TV* y, nint ys, TV* z, nint zs) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        TV y0 = y[0], y1 = y[ys];
        var twice = y1 + y1;
        z[0] = y0;
        z[zs] = y0 + y1;
        z[2 * zs] = y0 - y1;
        z[3 * zs] = y0 + twice;
        z[4 * zs] = y0 - twice;
        z[5 * zs] = y1;
    }
}
