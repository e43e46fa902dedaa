using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// Winograd's minimal filtering F(2×2, 5×5) (Lavin &amp; Gray 2015, "Fast Algorithms for Convolutional Neural
/// Networks"): a 2×2 block of a stride-1 5×5 cross-correlation from one 6×6 input tile d and kernel g in 36
/// multiplications instead of 100, <c>Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A</c>. The matrices are Toom-Cook's on the
/// points 0, 1, −1, 2, −2 and ∞ (G evaluates a kernel row there, Aᵀ an output row's polynomial, Bᵀ is the transposed
/// Lagrange interpolation with its denominators moved into G):
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
/// ±2). The fractions of G are applied once per batch, to the kernels, in double.
/// The weight gradient runs the same algorithm backwards: with Y = Aᵀ (U ⊙ V) A and U = G g Gᵀ,
/// <c>∂L/∂g = Gᵀ [Σ over tiles (A ∂L/∂Y Aᵀ) ⊙ V] G</c>, the sum over tiles being one product per point.
/// Each transform works on vectors: lane l of every value belongs to channel (or kernel) l of a run of them.
/// </summary>
internal static unsafe class Winograd5x5
{
    /// <summary>Side of an input tile.</summary>
    public const int Tile = 6;

    /// <summary>Side of the output block one tile gives.</summary>
    public const int Out = 2;

    /// <summary>Transform points per tile: one GEMM each.</summary>
    public const int Points = Tile * Tile;

    /// <summary>u (6×6, row-major) = G g Gᵀ for one 5×5 kernel g (row-major).</summary>
    public static void Kernel(ReadOnlySpan<double> g, Span<double> u)
    {
        Span<double> half = stackalloc double[Tile * 5]; // G g: 6×5
        for (int c = 0; c < 5; c++)
            KernelColumn(g[c], g[5 + c], g[10 + c], g[15 + c], g[20 + c], half, c, 5);
        for (int r = 0; r < Tile; r++)
        {
            var row = half.Slice(r * 5, 5);
            KernelColumn(row[0], row[1], row[2], row[3], row[4], u, r * Tile, 1);
        }
    }

    /// <summary>dg (5×5, row-major) = Gᵀ m G for one kernel's 6×6 point gradients m (row-major), the adjoint of <see cref="Kernel"/>.</summary>
    public static void KernelGradient(ReadOnlySpan<double> m, Span<double> dg)
    {
        Span<double> half = stackalloc double[5 * Tile]; // Gᵀ m: 5×6
        for (int c = 0; c < Tile; c++)
            KernelGradientColumn(m[c], m[Tile + c], m[2 * Tile + c], m[3 * Tile + c], m[4 * Tile + c], m[5 * Tile + c], half, c, Tile);
        for (int r = 0; r < 5; r++)
        {
            var row = half.Slice(r * Tile, Tile);
            KernelGradientColumn(row[0], row[1], row[2], row[3], row[4], row[5], dg, r * 5, 1);
        }
    }

    /// <summary>
    /// dw[(5ki + kj)·weight] += (Gᵀ m G)(ki, kj) on vectors of kernels, point (i, j) of m at <c>m + (6i + j)·point</c>:
    /// <see cref="KernelGradient(ReadOnlySpan{double}, Span{double})"/> for a run of kernels at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddKernelGradient<T>(T* m, nint point, T* dw, nint weight) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T>* t = stackalloc Vector256<T>[5 * Tile];
        for (int j = 0; j < Tile; j++)
        {
            T* s = m + j * point;
            nint down = Tile * point;
            KernelGradientLine(Vector256.Load(s), Vector256.Load(s + down), Vector256.Load(s + 2 * down), Vector256.Load(s + 3 * down),
                Vector256.Load(s + 4 * down), Vector256.Load(s + 5 * down),
                out t[j], out t[Tile + j], out t[2 * Tile + j], out t[3 * Tile + j], out t[4 * Tile + j]);
        }
        for (int ki = 0; ki < 5; ki++)
        {
            Vector256<T>* r = t + ki * Tile;
            KernelGradientLine(r[0], r[1], r[2], r[3], r[4], r[5], out var g0, out var g1, out var g2, out var g3, out var g4);
            T* o = dw + 5 * ki * weight;
            (Vector256.Load(o) + g0).Store(o);
            (Vector256.Load(o + weight) + g1).Store(o + weight);
            (Vector256.Load(o + 2 * weight) + g2).Store(o + 2 * weight);
            (Vector256.Load(o + 3 * weight) + g3).Store(o + 3 * weight);
            (Vector256.Load(o + 4 * weight) + g4).Store(o + 4 * weight);
        }
    }

    /// <summary>Gᵀ·(m0 … m5), as <see cref="KernelGradientColumn"/> on vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KernelGradientLine<T>(Vector256<T> m0, Vector256<T> m1, Vector256<T> m2, Vector256<T> m3, Vector256<T> m4, Vector256<T> m5,
        out Vector256<T> g0, out Vector256<T> g1, out Vector256<T> g2, out Vector256<T> g3, out Vector256<T> g4)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var quarter = Vector256.Create(T.One / T.CreateTruncating(4));
        var sixth = Vector256.Create(T.One / T.CreateTruncating(6));
        var twelfth = Vector256.Create(T.One / T.CreateTruncating(12));
        var third = Vector256.Create(T.One / T.CreateTruncating(3));
        var twentyFourth = Vector256.Create(T.One / T.CreateTruncating(24));
        var twoThirds = Vector256.Create(T.CreateTruncating(2) / T.CreateTruncating(3));
        var plus = m1 + m2;
        var minus = m1 - m2;
        var plus2 = m3 + m4;
        var minus2 = m3 - m4;
        g0 = m0 * quarter + plus * sixth + plus2 * twentyFourth;
        g1 = minus * sixth + minus2 * twelfth;
        g2 = (plus + plus2) * sixth;
        g3 = minus * sixth + minus2 * third;
        g4 = plus * sixth + plus2 * twoThirds + m5;
    }

    // Gᵀ·(m0 … m5), written at out[at + i·stride].
    private static void KernelGradientColumn(double m0, double m1, double m2, double m3, double m4, double m5, Span<double> o, int at, int stride)
    {
        double plus = m1 + m2, minus = m1 - m2, plus2 = m3 + m4, minus2 = m3 - m4;
        o[at] = m0 / 4 + plus / 6 + plus2 / 24;
        o[at + stride] = minus / 6 + minus2 / 12;
        o[at + 2 * stride] = (plus + plus2) / 6;
        o[at + 3 * stride] = minus / 6 + minus2 / 3;
        o[at + 4 * stride] = plus / 6 + plus2 * 2 / 3 + m5;
    }

    // G·(g0 … g4), written at out[at + i·stride].
    private static void KernelColumn(double g0, double g1, double g2, double g3, double g4, Span<double> o, int at, int stride)
    {
        double even = g0 + g2 + g4, odd = g1 + g3;
        double evenW = g0 / 4 + g2 + 4 * g4, oddW = g1 / 2 + 2 * g3;
        o[at] = g0 / 4;
        o[at + stride] = (even + odd) / 6;
        o[at + 2 * stride] = (even - odd) / 6;
        o[at + 3 * stride] = (evenW + oddW) / 6;
        o[at + 4 * stride] = (evenW - oddW) / 6;
        o[at + 5 * stride] = g4;
    }

    /// <summary>
    /// V = Bᵀ d B for a 6×6 tile whose value (i, j) is the vector at <c>d + i·row + j·pixel</c>: point (i, j) of V is
    /// stored at <c>v + (6i + j)·point</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Input<T>(T* d, nint pixel, nint row, T* v, nint point) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T>* t = stackalloc Vector256<T>[Points];
        for (int j = 0; j < Tile; j++)
        {
            T* s = d + j * pixel;
            InputLine(Vector256.Load(s), Vector256.Load(s + row), Vector256.Load(s + 2 * row), Vector256.Load(s + 3 * row),
                Vector256.Load(s + 4 * row), Vector256.Load(s + 5 * row),
                out t[j], out t[Tile + j], out t[2 * Tile + j], out t[3 * Tile + j], out t[4 * Tile + j], out t[5 * Tile + j]);
        }
        for (int i = 0; i < Tile; i++)
        {
            Vector256<T>* r = t + i * Tile;
            InputLine(r[0], r[1], r[2], r[3], r[4], r[5], out var o0, out var o1, out var o2, out var o3, out var o4, out var o5);
            T* o = v + i * Tile * point;
            o0.Store(o);
            o1.Store(o + point);
            o2.Store(o + 2 * point);
            o3.Store(o + 3 * point);
            o4.Store(o + 4 * point);
            o5.Store(o + 5 * point);
        }
    }

    /// <summary>Bᵀ·(d0 … d5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputLine<T>(Vector256<T> d0, Vector256<T> d1, Vector256<T> d2, Vector256<T> d3, Vector256<T> d4, Vector256<T> d5,
        out Vector256<T> t0, out Vector256<T> t1, out Vector256<T> t2, out Vector256<T> t3, out Vector256<T> t4, out Vector256<T> t5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var four = Vector256.Create(T.CreateTruncating(4));
        var five = Vector256.Create(T.CreateTruncating(5));
        var p = four * d2 - d4;
        var q = four * d1 - d3;
        var r = d4 - d2;
        var s = (d3 - d1) + (d3 - d1);
        t0 = four * d0 - five * d2 + d4;
        t1 = p + q;
        t2 = p - q;
        t3 = r + s;
        t4 = r - s;
        t5 = four * d1 - five * d3 + d5;
    }

    /// <summary>
    /// Y = Aᵀ M A + bias for one tile's products, point (i, j) of M at <c>m + (6i + j)·point</c>: output (a, b) of the 2×2
    /// block is stored at <c>y + a·row + b·pixel</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Output<T>(T* m, nint point, Vector256<T> bias, T* y, nint pixel, nint row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T>* t = stackalloc Vector256<T>[2 * Tile];
        for (int j = 0; j < Tile; j++)
        {
            T* s = m + j * point;
            nint down = Tile * point;
            OutputLine(Vector256.Load(s), Vector256.Load(s + down), Vector256.Load(s + 2 * down), Vector256.Load(s + 3 * down),
                Vector256.Load(s + 4 * down), Vector256.Load(s + 5 * down), out t[j], out t[Tile + j]);
        }
        for (int a = 0; a < Out; a++)
        {
            Vector256<T>* r = t + a * Tile;
            OutputLine(r[0], r[1], r[2], r[3], r[4], r[5], out var y0, out var y1);
            (y0 + bias).Store(y + a * row);
            (y1 + bias).Store(y + a * row + pixel);
        }
    }

    /// <summary>
    /// Z = A ∂Y Aᵀ for one 2×2 block of output gradients, value (a, b) at <c>dy + a·row + b·pixel</c>: point (i, j) of Z is
    /// stored at <c>z + (6i + j)·point</c>. The adjoint of <see cref="Output{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OutputGradient<T>(T* dy, nint pixel, nint row, T* z, nint point) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OutputGradientLine(Vector256.Load(dy), Vector256.Load(dy + pixel), out var a0, out var a1, out var a2, out var a3, out var a4, out var a5);
        OutputGradientLine(Vector256.Load(dy + row), Vector256.Load(dy + row + pixel), out var b0, out var b1, out var b2, out var b3, out var b4, out var b5);
        OutputGradientRow(a0, b0, z, point);
        OutputGradientRow(a1, b1, z + 1 * point, point);
        OutputGradientRow(a2, b2, z + 2 * point, point);
        OutputGradientRow(a3, b3, z + 3 * point, point);
        OutputGradientRow(a4, b4, z + 4 * point, point);
        OutputGradientRow(a5, b5, z + 5 * point, point);
    }

    // Column j of Z: A·(top, bottom) down the six rows, point (i, j) at z + 6i·point.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputGradientRow<T>(Vector256<T> top, Vector256<T> bottom, T* z, nint point) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OutputGradientLine(top, bottom, out var z0, out var z1, out var z2, out var z3, out var z4, out var z5);
        nint down = Tile * point;
        z0.Store(z);
        z1.Store(z + down);
        z2.Store(z + 2 * down);
        z3.Store(z + 3 * down);
        z4.Store(z + 4 * down);
        z5.Store(z + 5 * down);
    }

    /// <summary>A·(y0, y1), A = (Aᵀ)ᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputGradientLine<T>(Vector256<T> y0, Vector256<T> y1,
        out Vector256<T> z0, out Vector256<T> z1, out Vector256<T> z2, out Vector256<T> z3, out Vector256<T> z4, out Vector256<T> z5)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var twice = y1 + y1;
        z0 = y0;
        z1 = y0 + y1;
        z2 = y0 - y1;
        z3 = y0 + twice;
        z4 = y0 - twice;
        z5 = y1;
    }

    /// <summary>Aᵀ·(m0 … m5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputLine<T>(Vector256<T> m0, Vector256<T> m1, Vector256<T> m2, Vector256<T> m3, Vector256<T> m4, Vector256<T> m5,
        out Vector256<T> y0, out Vector256<T> y1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var plus = m1 + m2;
        var minus = m1 - m2;
        var plus2 = m3 + m4;
        var minus2 = m3 - m4;
        y0 = m0 + plus + plus2;
        y1 = minus + (minus2 + minus2) + m5;
    }
}
