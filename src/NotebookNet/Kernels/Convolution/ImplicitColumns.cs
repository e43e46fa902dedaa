using System.Numerics;
using System.Runtime.CompilerServices;

namespace NotebookNet.Kernels;

/// <summary>
/// The im2col matrix of one zero-padded image (stride 1), never written out: entry (p, r) — output position
/// p = oy·OutWidth + ox, patch column r = (c·k + ki)·k + kj — is <c>image[offsets[r] + positionOffsets[p]]</c>,
/// with <c>positionOffsets[p] = oy·PaddedWidth + ox</c>. It is the right operand of a weight gradient
/// (∂L/∂W = ∂L/∂Yᵀ · columns, k = positions): full panels are read in place, partial ones packed.
/// </summary>
internal readonly unsafe struct ImplicitColumns<T>(T* image, int* offsets, int* positionOffsets)
    : IPackB<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    bool IPackB<T>.Streams => true;

    bool IPackB<T>.ReadsInPlace => true;

    void IPackB<T>.PackBlock(int column, int columns, int depth, int steps, T* dst) =>
        Panels.PackEach<T, ImplicitColumns<T>>(this, column, columns, depth, steps, dst);

    /// <summary>Value j of k step p is <c>image[positionOffsets[p] + offsets[column + j]]</c>.</summary>
    T* IPackB<T>.InPlace(int column, int depth, int* columns, out int* rows)
    {
        for (int j = 0; j < GemmMicroKernel.Nr; j++) columns[j] = offsets[column + j];
        rows = positionOffsets + depth;
        return image;
    }

    /// <summary>A partial panel (fewer than Nr patch columns; the missing ones repeat the last) for positions [depth, depth + steps).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    T* IPackB<T>.Pack(int column, int columns, int depth, int steps, T* dst)
    {
        T* start = dst;
        const int nr = GemmMicroKernel.Nr;
        int* o = stackalloc int[nr];
        for (int j = 0; j < nr; j++) o[j] = offsets[column + Math.Min(j, columns - 1)];
        for (int p = depth; p < depth + steps; p++, dst += nr)
        {
            T* s = image + positionOffsets[p];
            for (int j = 0; j < nr; j++) dst[j] = s[o[j]];
        }
        return start;
    }
}
