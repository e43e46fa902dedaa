using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// F(4×4, 5×5) (<see cref="IWinogradTile"/>): 8×8 tiles, 64 multiplications for 16 outputs instead of 400, on the
/// points 0, 1, −1, 2, −2, ½, −½ and ∞:
/// <code>
///      | 4   0 −21   0  21   0  −4  0 |        | 1/4      0     0      0     0 |
///      | 0  −4  −4  17  17  −4  −4  0 |        | 1/18   1/18  1/18   1/18  1/18 |
///      | 0   4  −4 −17  17   4  −4  0 |        | 1/18  −1/18  1/18  −1/18  1/18 |
/// Bᵀ = | 0   2   1 −10  −5   8   4  0 |    G = | 1/360  1/180 1/90   1/45  2/45 |
///      | 0  −2   1  10  −5  −8   4  0 |        | 1/360 −1/180 1/90  −1/45  2/45 |
///      | 0   4   8  −5 −10   1   2  0 |        | 16/45  8/45  4/45   2/45  1/45 |
///      | 0  −4   8   5 −10  −1   2  0 |        | 16/45 −8/45  4/45  −2/45  1/45 |
///      | 0  −4   0  21   0 −21   0  4 |        | 0        0     0      0   1/4 |
///
///      | 1 1  1 1  1   1    1   0 |
/// Aᵀ = | 0 1 −1 2 −2  1/2 −1/2  0 |
///      | 0 1  1 4  4  1/4  1/4  0 |
///      | 0 1 −1 8 −8  1/8 −1/8  1 |
/// </code>
/// The points of the paper's F(6×6, 3×3), whose Bᵀ this is times 4: pairs ±a and ±1/a keep the transforms' entries
/// small (integer points ±3 in place of ±½ make larger entries and much larger rounding errors). Fewer multiplications
/// than <see cref="WinogradF2"/> per output on all but the smallest outputs, for a little more rounding.
/// </summary>
internal readonly unsafe struct WinogradF4 : IWinogradTile
{
    public static int Out => 4;
    public static int Tile => 8;

    public static void Kernel(double* g, nint gs, double* u, nint us)
    {
        double g0 = g[0], g1 = g[gs], g2 = g[2 * gs], g3 = g[3 * gs], g4 = g[4 * gs];
        double even = g0 + g2 + g4, odd = g1 + g3;
        double even2 = g0 + 4 * g2 + 16 * g4, odd2 = 2 * g1 + 8 * g3;
        double even3 = 16 * g0 + 4 * g2 + g4, odd3 = 8 * g1 + 2 * g3;
        u[0] = g0 / 4;
        u[us] = (even + odd) / 18;
        u[2 * us] = (even - odd) / 18;
        u[3 * us] = (even2 + odd2) / 360;
        u[4 * us] = (even2 - odd2) / 360;
        u[5 * us] = (even3 + odd3) / 45;
        u[6 * us] = (even3 - odd3) / 45;
        u[7 * us] = g4 / 4;
    }

    public static void KernelGradient(double* m, nint ms, double* g, nint gs)
    {
        double p1 = m[ms] + m[2 * ms], q1 = m[ms] - m[2 * ms];
        double p2 = m[3 * ms] + m[4 * ms], q2 = m[3 * ms] - m[4 * ms];
        double p3 = m[5 * ms] + m[6 * ms], q3 = m[5 * ms] - m[6 * ms];
        g[0] = m[0] / 4 + p1 / 18 + p2 / 360 + p3 * 16 / 45;
        g[gs] = q1 / 18 + q2 / 180 + q3 * 8 / 45;
        g[2 * gs] = p1 / 18 + p2 / 90 + p3 * 4 / 45;
        g[3 * gs] = q1 / 18 + q2 / 45 + q3 * 2 / 45;
        g[4 * gs] = p1 / 18 + p2 * 2 / 45 + p3 / 45 + m[7 * ms] / 4;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KernelGradient<TV, T>(TV* m, nint ms, TV* g, nint gs) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        var p1 = m[ms] + m[2 * ms];
        var q1 = m[ms] - m[2 * ms];
        var p2 = m[3 * ms] + m[4 * ms];
        var q2 = m[3 * ms] - m[4 * ms];
        var p3 = m[5 * ms] + m[6 * ms];
        var q3 = m[5 * ms] - m[6 * ms];
        var eighteenth = TV.Constant(1, 18);
        g[0] = m[0] * TV.Constant(1, 4) + p1 * eighteenth + p2 * TV.Constant(1, 360) + p3 * TV.Constant(16, 45);
        g[gs] = q1 * eighteenth + q2 * TV.Constant(1, 180) + q3 * TV.Constant(8, 45);
        g[2 * gs] = p1 * eighteenth + p2 * TV.Constant(1, 90) + p3 * TV.Constant(4, 45);
        g[3 * gs] = q1 * eighteenth + q2 * TV.Constant(1, 45) + q3 * TV.Constant(2, 45);
        g[4 * gs] = p1 * eighteenth + p2 * TV.Constant(2, 45) + p3 * TV.Constant(1, 45) + m[7 * ms] * TV.Constant(1, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input<TV, T>(TV* d, nint ds, TV* t, nint ts) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        TV d0 = d[0], d1 = d[ds], d2 = d[2 * ds], d3 = d[3 * ds], d4 = d[4 * ds], d5 = d[5 * ds], d6 = d[6 * ds], d7 = d[7 * ds];
        var two = TV.Constant(2, 1);
        var four = TV.Constant(4, 1);
        var five = TV.Constant(5, 1);
        var eight = TV.Constant(8, 1);
        var ten = TV.Constant(10, 1);
        var seventeen = TV.Constant(17, 1);
        var twentyOne = TV.Constant(21, 1);
        // Rows in ± pairs: an even part (d2, d4, d6) plus or minus an odd part (d1, d3, d5).
        var p1 = seventeen * d4 - four * (d2 + d6);
        var q1 = seventeen * d3 - four * (d1 + d5);
        var p3 = d2 - five * d4 + four * d6;
        var q3 = two * d1 - ten * d3 + eight * d5;
        var p5 = eight * d2 - ten * d4 + two * d6;
        var q5 = four * d1 - five * d3 + d5;
        t[0] = four * (d0 - d6) + twentyOne * (d4 - d2);
        t[ts] = p1 + q1;
        t[2 * ts] = p1 - q1;
        t[3 * ts] = p3 + q3;
        t[4 * ts] = p3 - q3;
        t[5 * ts] = p5 + q5;
        t[6 * ts] = p5 - q5;
        t[7 * ts] = four * (d7 - d1) + twentyOne * (d3 - d5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output<TV, T>(TV* m, nint ms, TV* y, nint ys) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        var p1 = m[ms] + m[2 * ms];
        var q1 = m[ms] - m[2 * ms];
        var p2 = m[3 * ms] + m[4 * ms];
        var q2 = m[3 * ms] - m[4 * ms];
        var p3 = m[5 * ms] + m[6 * ms];
        var q3 = m[5 * ms] - m[6 * ms];
        y[0] = m[0] + p1 + p2 + p3;
        y[ys] = q1 + q2 * TV.Constant(2, 1) + q3 * TV.Constant(1, 2);
        y[2 * ys] = p1 + p2 * TV.Constant(4, 1) + p3 * TV.Constant(1, 4);
        y[3 * ys] = q1 + q2 * TV.Constant(8, 1) + q3 * TV.Constant(1, 8) + m[7 * ms];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void OutputGradient<TV, T>(TV* y, nint ys, TV* z, nint zs) where TV : unmanaged, ILane<TV, T> where T : unmanaged
    {
        TV y0 = y[0], y1 = y[ys], y2 = y[2 * ys], y3 = y[3 * ys];
        var even = y0 + y2;
        var odd = y1 + y3;
        var even2 = y0 + y2 * TV.Constant(4, 1);
        var odd2 = y1 * TV.Constant(2, 1) + y3 * TV.Constant(8, 1);
        var even3 = y0 + y2 * TV.Constant(1, 4);
        var odd3 = y1 * TV.Constant(1, 2) + y3 * TV.Constant(1, 8);
        z[0] = y0;
        z[zs] = even + odd;
        z[2 * zs] = even - odd;
        z[3 * zs] = even2 + odd2;
        z[4 * zs] = even2 - odd2;
        z[5 * zs] = even3 + odd3;
        z[6 * zs] = even3 - odd3;
        z[7 * zs] = y3;
    }
}
