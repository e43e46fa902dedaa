using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        if (!trans)
        {
            // Walk each column of A once (k outer) and deal its full Mr-row runs out to the panels,
            // so the source is read sequentially rather than one Mr-wide strip per panel.
            int full = mc / mr;
            nint panel = (nint)kc * mr;
            for (int p = 0; p < kc; p++)
            {
                T* src = a + p * lda;
                T* d = dst + p * mr;
                for (int q = 0; q < full; q++, src += mr, d += panel)
                {
                    Vector256.Load(src).Store(d);
                    Vector256.Load(src + w).Store(d + w);
                }
            }
            int rows = mc - full * mr;
            if (rows > 0)
            {
                T* src = a + full * mr;
                T* d = dst + full * panel;
                for (int p = 0; p < kc; p++, src += lda, d += mr)
                {
                    int r = 0;
                    for (; r < rows; r++) d[r] = src[r];
                    for (; r < mr; r++) d[r] = T.Zero;
                }
            }
            return;
        }

        // Row i of op(A) is column i of the stored A, contiguous along k: transpose square blocks.
        for (int i = 0; i < mc; i += mr)
        {
            int rows = Math.Min(mr, mc - i);
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

    /// <summary>
    /// Packs one Nr-column panel op(B)[0..kc, 0..cols] (with <paramref name="b"/> pointing at its first
    /// element) into kc·Nr values, zero-padding the missing columns of a partial panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBPanel<T>(bool trans, T* b, nint ldb, int kc, int cols, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int nr = GemmMicroKernel.Nr;
        if (!trans)
        {
            if (cols == nr)
            {
                PackBColumns(b, ldb, kc, dst);
                return;
            }
            for (int c = 0; c < cols; c++)
            {
                T* src = b + c * ldb;
                for (int p = 0; p < kc; p++) dst[p * nr + c] = src[p];
            }
            for (int c = cols; c < nr; c++)
                for (int p = 0; p < kc; p++) dst[p * nr + c] = T.Zero;
            return;
        }

        // op(B) = Bᵀ: each k step is a contiguous run of six values, one 4-wide and one 2-wide move.
        int q = 0;
        if (cols == nr)
        {
            if (typeof(T) == typeof(float))
                for (; q < kc; q++, b += ldb, dst += nr)
                {
                    Vector128.Load((float*)b).Store((float*)dst);
                    *(double*)(dst + 4) = *(double*)(b + 4);
                }
            else if (typeof(T) == typeof(double))
                for (; q < kc; q++, b += ldb, dst += nr)
                {
                    Vector256.Load((double*)b).Store((double*)dst);
                    Vector128.Load((double*)b + 4).Store((double*)dst + 4);
                }
        }
        for (; q < kc; q++, b += ldb, dst += nr)
        {
            int c = 0;
            for (; c < cols; c++) dst[c] = b[c];
            for (; c < nr; c++) dst[c] = T.Zero;
        }
    }

    /// <summary>
    /// Asks for the columns of the next B panel while the current one is being multiplied: they are short
    /// runs (kc values each), too short for the hardware prefetcher to ramp up on before they end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PrefetchBColumns<T>(T* b, nint ldb, int kc, int cols) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        for (int c = 0; c < cols; c++)
        {
            byte* s = (byte*)(b + c * ldb);
            byte* end = (byte*)(b + c * ldb + kc - 1);
            for (; s <= end; s += 64) Sse.Prefetch0(s);
            Sse.Prefetch0(end);
        }
    }

    /// <summary>
    /// Packs a whole kc×nc block of op(B) = Bᵀ, whose k-th row is contiguous in B's storage: eight rows at a
    /// time are dealt across all panels (six values each), so the source is read as eight long sequential
    /// streams and every cache line is used up while it is hot (a panel at a time would touch kc lines
    /// far apart for six values each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackBRows<T>(T* b, nint ldb, int kc, int nc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int nr = GemmMicroKernel.Nr;
        int full = nc / nr;
        nint panel = (nint)kc * nr;
        for (int p0 = 0; p0 < kc; p0 += 8)
        {
            int rows = Math.Min(8, kc - p0);
            T* src = b + p0 * ldb;
            T* d = dst + p0 * nr;
            for (int q = 0; q < full; q++, src += nr, d += panel)
            {
                T* s = src;
                T* o = d;
                for (int r = 0; r < rows; r++, s += ldb, o += nr)
                {
                    if (typeof(T) == typeof(float))
                    {
                        Vector128.Load((float*)s).Store((float*)o);
                        *(double*)(o + 4) = *(double*)(s + 4);
                    }
                    else if (typeof(T) == typeof(double))
                    {
                        Vector256.Load((double*)s).Store((double*)o);
                        Vector128.Load((double*)s + 4).Store((double*)o + 4);
                    }
                    else
                        for (int c = 0; c < nr; c++) o[c] = s[c];
                }
            }
        }
        int cols = nc - full * nr;
        if (cols > 0)
            PackBPanel(true, b + full * nr, ldb, kc, cols, dst + full * panel);
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
