using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// Small in-register transposes for packing: they turn runs that are contiguous along k into the
/// k-major micro-panels of the GEMM, so packing a transposed operand costs a few shuffles per vector
/// instead of one scalar store per element.
/// </summary>
internal static unsafe class Transpose
{
    /// <summary>
    /// Reads 8 floats from each of 8 rows (<paramref name="src"/> + r·<paramref name="ld"/>) and writes
    /// column q (element q of every row) as 8 contiguous floats at <paramref name="dst"/> + q·<paramref name="dstStride"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Float8x8(float* src, nint ld, float* dst, nint dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld);
        var r3 = Avx.LoadVector256(src + 3 * ld);
        var r4 = Avx.LoadVector256(src + 4 * ld);
        var r5 = Avx.LoadVector256(src + 5 * ld);
        var r6 = Avx.LoadVector256(src + 6 * ld);
        var r7 = Avx.LoadVector256(src + 7 * ld);

        // Pairs, then quads (within 128-bit lanes), then swap lanes.
        var t0 = Avx.UnpackLow(r0, r1).AsDouble();
        var t1 = Avx.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx.UnpackLow(r2, r3).AsDouble();
        var t3 = Avx.UnpackHigh(r2, r3).AsDouble();
        var t4 = Avx.UnpackLow(r4, r5).AsDouble();
        var t5 = Avx.UnpackHigh(r4, r5).AsDouble();
        var t6 = Avx.UnpackLow(r6, r7).AsDouble();
        var t7 = Avx.UnpackHigh(r6, r7).AsDouble();

        var q0 = Avx.UnpackLow(t0, t2).AsSingle();   // col 0 | col 4, rows 0-3
        var q1 = Avx.UnpackHigh(t0, t2).AsSingle();  // col 1 | col 5
        var q2 = Avx.UnpackLow(t1, t3).AsSingle();   // col 2 | col 6
        var q3 = Avx.UnpackHigh(t1, t3).AsSingle();  // col 3 | col 7
        var q4 = Avx.UnpackLow(t4, t6).AsSingle();   // same, rows 4-7
        var q5 = Avx.UnpackHigh(t4, t6).AsSingle();
        var q6 = Avx.UnpackLow(t5, t7).AsSingle();
        var q7 = Avx.UnpackHigh(t5, t7).AsSingle();

        Avx.Store(dst, Avx.Permute2x128(q0, q4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(q1, q5, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(q2, q6, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(q3, q7, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(q0, q4, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(q1, q5, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(q2, q6, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(q3, q7, 0x31));
    }

    /// <summary>The double counterpart of <see cref="Float8x8"/> for a 4×4 block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double4x4(double* src, nint ld, double* dst, nint dstStride)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld);
        var r3 = Avx.LoadVector256(src + 3 * ld);
        var t0 = Avx.UnpackLow(r0, r1);   // r0[0] r1[0] | r0[2] r1[2]
        var t1 = Avx.UnpackHigh(r0, r1);  // r0[1] r1[1] | r0[3] r1[3]
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(t1, t3, 0x31));
    }

    /// <summary>
    /// Interleaves 8 consecutive k values of six float columns (<paramref name="src"/> + c·<paramref name="ld"/>)
    /// into 8 rows of 6 at <paramref name="dst"/> (48 contiguous floats), the layout of a packed B panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Float6x8(float* src, nint ld, float* dst)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld);
        var r3 = Avx.LoadVector256(src + 3 * ld);
        var r4 = Avx.LoadVector256(src + 4 * ld);
        var r5 = Avx.LoadVector256(src + 5 * ld);
        var t0 = Avx.UnpackLow(r0, r1).AsDouble();
        var t1 = Avx.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx.UnpackLow(r2, r3).AsDouble();
        var t3 = Avx.UnpackHigh(r2, r3).AsDouble();
        var u0 = Avx.UnpackLow(t0, t2).AsSingle();   // k0 | k4 of columns 0-3
        var u1 = Avx.UnpackHigh(t0, t2).AsSingle();  // k1 | k5
        var u2 = Avx.UnpackLow(t1, t3).AsSingle();   // k2 | k6
        var u3 = Avx.UnpackHigh(t1, t3).AsSingle();  // k3 | k7
        var v0 = Avx.UnpackLow(r4, r5).AsDouble();   // pairs (c4, c5) for k0 k1 | k4 k5
        var v1 = Avx.UnpackHigh(r4, r5).AsDouble();  // k2 k3 | k6 k7

        var v0Lo = v0.GetLower();
        var v0Hi = v0.GetUpper();
        var v1Lo = v1.GetLower();
        var v1Hi = v1.GetUpper();
        Sse.Store(dst, u0.GetLower()); Sse2.StoreScalar((double*)(dst + 4), v0Lo);
        Sse.Store(dst + 6, u1.GetLower()); Sse2.StoreHigh((double*)(dst + 10), v0Lo);
        Sse.Store(dst + 12, u2.GetLower()); Sse2.StoreScalar((double*)(dst + 16), v1Lo);
        Sse.Store(dst + 18, u3.GetLower()); Sse2.StoreHigh((double*)(dst + 22), v1Lo);
        Sse.Store(dst + 24, u0.GetUpper()); Sse2.StoreScalar((double*)(dst + 28), v0Hi);
        Sse.Store(dst + 30, u1.GetUpper()); Sse2.StoreHigh((double*)(dst + 34), v0Hi);
        Sse.Store(dst + 36, u2.GetUpper()); Sse2.StoreScalar((double*)(dst + 40), v1Hi);
        Sse.Store(dst + 42, u3.GetUpper()); Sse2.StoreHigh((double*)(dst + 46), v1Hi);
    }

    /// <summary>The double counterpart of <see cref="Float6x8"/>: 4 k values of six columns into 24 doubles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double6x4(double* src, nint ld, double* dst)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld);
        var r3 = Avx.LoadVector256(src + 3 * ld);
        var r4 = Avx.LoadVector256(src + 4 * ld);
        var r5 = Avx.LoadVector256(src + 5 * ld);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var v0 = Avx.UnpackLow(r4, r5);   // (c4, c5) at k0 | k2
        var v1 = Avx.UnpackHigh(r4, r5);  // k1 | k3
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20)); Sse2.Store(dst + 4, v0.GetLower());
        Avx.Store(dst + 6, Avx.Permute2x128(t1, t3, 0x20)); Sse2.Store(dst + 10, v1.GetLower());
        Avx.Store(dst + 12, Avx.Permute2x128(t0, t2, 0x31)); Sse2.Store(dst + 16, v0.GetUpper());
        Avx.Store(dst + 18, Avx.Permute2x128(t1, t3, 0x31)); Sse2.Store(dst + 22, v1.GetUpper());
    }
}
