using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The im2col matrix of one zero-padded image (stride 1), never written out: entry (p, r) — output position
/// p = oy·OutWidth + ox, patch column r = (c·k + ki)·k + kj — is <c>image[offsets[r] + oy·PaddedWidth + ox]</c>.
/// As <see cref="IPackA{T}"/> it packs the positions × patch matrix of a forward product; as
/// <see cref="IPackB{T}"/> the same matrix is the right operand of a weight gradient (k = positions), read in
/// place through <paramref name="positionOffsets"/> (<c>oy·PaddedWidth + ox</c> of each position; null when unused).
/// </summary>
internal readonly unsafe struct ImplicitColumns<T>(T* image, int* offsets, int outWidth, int paddedWidth, int positions,
    int* positionOffsets = null)
    : IPackA<T>, IPackB<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Each Mr-row panel covers a few runs of consecutive positions (one per output row it touches); every run is
    /// contiguous in the padded image, so a k step costs two vector copies per run. A run's copy is always Mr
    /// wide: the rows past its end are overwritten by the next run, or by the next k step (the packer writes up
    /// to Mr values past its last panel, and reads up to Mr past the image's last value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    T* IPackA<T>.Pack(int row, int rows, int depth, int steps, T* scratch)
    {
        T* dst = scratch;
        int mr = GemmMicroKernel.Mr<T>();
        nint w = Vector256<T>.Count;
        int* source = stackalloc int[mr];
        int* target = stackalloc int[mr];
        int* offs = offsets + depth;
        for (int q = 0; q < rows; q += mr)
        {
            int first = row + q, valid = Math.Min(mr, Math.Min(rows - q, positions - first));
            int runs = 0;
            for (int d = 0, pos = first; d < valid; runs++)
            {
                int oy = pos / outWidth, ox = pos - oy * outWidth, length = Math.Min(outWidth - ox, valid - d);
                source[runs] = oy * paddedWidth + ox;
                target[runs] = d;
                d += length;
                pos += length;
            }
            if (runs == 1)
            {
                T* s = image + source[0];
                for (int r = 0; r < steps; r++, dst += mr)
                {
                    T* from = s + offs[r];
                    Vector256.Load(from).Store(dst);
                    Vector256.Load(from + w).Store(dst + w);
                }
                continue;
            }
            for (int r = 0; r < steps; r++, dst += mr)
            {
                T* s = image + offs[r];
                for (int i = 0; i < runs; i++)
                {
                    T* from = s + source[i];
                    T* to = dst + target[i];
                    Vector256.Load(from).Store(to);
                    Vector256.Load(from + w).Store(to + w);
                }
            }
        }
        return scratch;
    }

    /// <summary>Value j of k step p is <c>image[positionOffsets[p] + offsets[column + j]]</c>.</summary>
    T* IPackB<T>.InPlace(int column, int depth, int* columns, out int* rows)
    {
        rows = positionOffsets == null ? null : positionOffsets + depth;
        if (rows == null) return null;
        for (int j = 0; j < GemmMicroKernel.Nr; j++) columns[j] = offsets[column + j];
        return image;
    }

    /// <summary>Nr patch columns for positions [depth, depth + steps): k steps are positions here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IPackB<T>.Pack(int column, int columns, int depth, int steps, T* dst)
    {
        const int nr = GemmMicroKernel.Nr;
        int last = columns - 1;
        int o0 = offsets[column], o1 = offsets[column + Math.Min(1, last)], o2 = offsets[column + Math.Min(2, last)];
        int o3 = offsets[column + Math.Min(3, last)], o4 = offsets[column + Math.Min(4, last)], o5 = offsets[column + Math.Min(5, last)];
        for (int pos = depth, end = depth + steps; pos < end;)
        {
            int oy = pos / outWidth, ox = pos - oy * outWidth, length = Math.Min(outWidth - ox, end - pos);
            T* s = image + oy * paddedWidth + ox;
            for (int x = 0; x < length; x++, dst += nr)
            {
                dst[0] = s[o0 + x];
                dst[1] = s[o1 + x];
                dst[2] = s[o2 + x];
                dst[3] = s[o3 + x];
                dst[4] = s[o4 + x];
                dst[5] = s[o5 + x];
            }
            pos += length;
        }
    }
}
