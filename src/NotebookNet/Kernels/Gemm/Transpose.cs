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
        // Each half holds columns q and q + 4 in its two lanes; swapping lanes between the halves finishes.
        InterleaveFourRows(src, ld, out var a0, out var a1, out var a2, out var a3);
        InterleaveFourRows(src + 4 * ld, ld, out var b0, out var b1, out var b2, out var b3);
        Avx.Store(dst, Avx.Permute2x128(a0, b0, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(a1, b1, 0x20));
        Avx.Store(dst + 2 * dstStride, Avx.Permute2x128(a2, b2, 0x20));
        Avx.Store(dst + 3 * dstStride, Avx.Permute2x128(a3, b3, 0x20));
        Avx.Store(dst + 4 * dstStride, Avx.Permute2x128(a0, b0, 0x31));
        Avx.Store(dst + 5 * dstStride, Avx.Permute2x128(a1, b1, 0x31));
        Avx.Store(dst + 6 * dstStride, Avx.Permute2x128(a2, b2, 0x31));
        Avx.Store(dst + 7 * dstStride, Avx.Permute2x128(a3, b3, 0x31));
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
        InterleaveFourRows(src, ld, out var u0, out var u1, out var u2, out var u3);   // k | k + 4 of columns 0-3
        var r4 = Avx.LoadVector256(src + 4 * ld);
        var r5 = Avx.LoadVector256(src + 5 * ld);
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
        Double4x4(src, ld, dst, 6);   // columns 0-3 of every k row
        var r4 = Avx.LoadVector256(src + 4 * ld);
        var r5 = Avx.LoadVector256(src + 5 * ld);
        var v0 = Avx.UnpackLow(r4, r5);   // (c4, c5) at k0 | k2
        var v1 = Avx.UnpackHigh(r4, r5);  // k1 | k3
        Sse2.Store(dst + 4, v0.GetLower());
        Sse2.Store(dst + 10, v1.GetLower());
        Sse2.Store(dst + 16, v0.GetUpper());
        Sse2.Store(dst + 22, v1.GetUpper());
    }

    /// <summary>
    /// The first two shuffle stages shared by <see cref="Float8x8"/> and <see cref="Float6x8"/>: from 8 floats of each
    /// of 4 rows, <paramref name="c04"/> holds column 0 of the four rows in its low lane and column 4 in its high lane,
    /// and likewise <paramref name="c15"/>, <paramref name="c26"/>, <paramref name="c37"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InterleaveFourRows(float* src, nint ld,
        out Vector256<float> c04, out Vector256<float> c15, out Vector256<float> c26, out Vector256<float> c37)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + 2 * ld);
        var r3 = Avx.LoadVector256(src + 3 * ld);
        // Pairs of rows, then quads, both within 128-bit lanes.
        var t0 = Avx.UnpackLow(r0, r1).AsDouble();
        var t1 = Avx.UnpackHigh(r0, r1).AsDouble();
        var t2 = Avx.UnpackLow(r2, r3).AsDouble();
        var t3 = Avx.UnpackHigh(r2, r3).AsDouble();
        c04 = Avx.UnpackLow(t0, t2).AsSingle();
        c15 = Avx.UnpackHigh(t0, t2).AsSingle();
        c26 = Avx.UnpackLow(t1, t3).AsSingle();
        c37 = Avx.UnpackHigh(t1, t3).AsSingle();
    }

    /// <summary>
    /// dst (cols × rows, column-major, leading dimension <paramref name="ldDst"/>) = srcᵀ, with src rows × cols,
    /// column-major, leading dimension <paramref name="ld"/>: 8×8 register blocks for float, scalar edges.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Matrix<T>(T* src, int rows, int cols, nint ld, T* dst, nint ldDst) where T : unmanaged
    {
        int fullRows = 0, fullCols = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            fullRows = rows / 8 * 8;
            fullCols = cols / 8 * 8;
            for (int j = 0; j < fullCols; j += 8)
                for (int i = 0; i < fullRows; i += 8)
                    Float8x8((float*)(src + i + j * ld), ld, (float*)(dst + j + i * ldDst), ldDst);
        }
        for (int j = 0; j < cols; j++)
        {
            int from = j < fullCols ? fullRows : 0;
            for (int i = from; i < rows; i++) dst[j + i * ldDst] = src[i + j * ld];
        }
    }
}
