using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous, zero-padded micro-panels the micro-kernel
/// streams through: A as Mr-row panels (Mr values per k step), B as Nr-column panels (Nr values per k step).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[0..mc, 0..kc] (with <paramref name="a"/> pointing at its first element) into
    /// ⌈mc/Mr⌉ panels of kc·Mr values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(bool trans, T* a, nint lda, int mc, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int mr = GemmMicroKernel.Mr<T>();
        nint w = Vector256<T>.Count;
        for (int i = 0; i < mc; i += mr)
        {
            int rows = Math.Min(mr, mc - i);
            if (!trans)
            {
                T* src = a + i;
                if (rows == mr)
                {
                    for (int p = 0; p < kc; p++, src += lda, dst += mr)
                    {
                        Vector256.Load(src).Store(dst);
                        Vector256.Load(src + w).Store(dst + w);
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += lda, dst += mr)
                    {
                        int r = 0;
                        for (; r < rows; r++) dst[r] = src[r];
                        for (; r < mr; r++) dst[r] = T.Zero;
                    }
                }
            }
            else
            {
                // Row i of op(A) is column i of the stored A, contiguous along k: transpose square blocks.
                int p = 0;
                if (rows == mr)
                {
                    if (typeof(T) == typeof(float))
                        for (; p + 8 <= kc; p += 8)
                        {
                            Transpose.Float8x8((float*)(a + i * lda + p), lda, (float*)(dst + p * mr), mr);
                            Transpose.Float8x8((float*)(a + (i + 8) * lda + p), lda, (float*)(dst + p * mr + 8), mr);
                        }
                    else if (typeof(T) == typeof(double))
                        for (; p + 4 <= kc; p += 4)
                        {
                            Transpose.Double4x4((double*)(a + i * lda + p), lda, (double*)(dst + p * mr), mr);
                            Transpose.Double4x4((double*)(a + (i + 4) * lda + p), lda, (double*)(dst + p * mr + 4), mr);
                        }
                }
                for (int r = 0; r < rows; r++)
                {
                    T* src = a + (i + r) * lda;
                    for (int q = p; q < kc; q++) dst[q * mr + r] = src[q];
                }
                for (int r = rows; r < mr; r++)
                    for (int q = 0; q < kc; q++) dst[q * mr + r] = T.Zero;
                dst += kc * mr;
            }
        }
    }

    /// <summary>
    /// Packs op(B)[0..kc, 0..nc] (with <paramref name="b"/> pointing at its first element) into
    /// ⌈nc/Nr⌉ panels of kc·Nr values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(bool trans, T* b, nint ldb, int kc, int nc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int nr = GemmMicroKernel.Nr;
        for (int j = 0; j < nc; j += nr)
        {
            int cols = Math.Min(nr, nc - j);
            if (!trans)
            {
                if (cols == nr)
                    PackBColumns(b + j * ldb, ldb, kc, dst);
                else
                {
                    for (int c = 0; c < cols; c++)
                    {
                        T* src = b + (j + c) * ldb;
                        for (int p = 0; p < kc; p++) dst[p * nr + c] = src[p];
                    }
                    for (int c = cols; c < nr; c++)
                        for (int p = 0; p < kc; p++) dst[p * nr + c] = T.Zero;
                }
            }
            else
            {
                T* src = b + j;
                T* d = dst;
                int p = 0;
                if (cols == nr)
                {
                    // Six contiguous values per k step: one 4-wide and one 2-wide move.
                    if (typeof(T) == typeof(float))
                        for (; p < kc; p++, src += ldb, d += nr)
                        {
                            Vector128.Load((float*)src).Store((float*)d);
                            *(double*)(d + 4) = *(double*)(src + 4);
                        }
                    else if (typeof(T) == typeof(double))
                        for (; p < kc; p++, src += ldb, d += nr)
                        {
                            Vector256.Load((double*)src).Store((double*)d);
                            Vector128.Load((double*)src + 4).Store((double*)d + 4);
                        }
                }
                for (; p < kc; p++, src += ldb, d += nr)
                {
                    int c = 0;
                    for (; c < cols; c++) d[c] = src[c];
                    for (; c < nr; c++) d[c] = T.Zero;
                }
            }
            dst += kc * nr;
        }
    }

    /// <summary>Interleaves six full columns of B (each contiguous along k) into one Nr-wide panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PackBColumns<T>(T* src, nint ldb, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int nr = GemmMicroKernel.Nr;
        int p = 0;
        if (typeof(T) == typeof(float))
            for (; p + 8 <= kc; p += 8)
                Transpose.Float6x8((float*)(src + p), ldb, (float*)(dst + p * nr));
        else if (typeof(T) == typeof(double))
            for (; p + 4 <= kc; p += 4)
                Transpose.Double6x4((double*)(src + p), ldb, (double*)(dst + p * nr));
        for (int c = 0; c < nr; c++)
        {
            T* s = src + c * ldb;
            for (int q = p; q < kc; q++) dst[q * nr + c] = s[q];
        }
    }
}
