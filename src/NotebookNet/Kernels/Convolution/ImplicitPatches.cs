using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The transposed im2col matrix of one zero-padded image (stride 1), never written out: column p is output
/// position p's window, entry (r, p) = <c>image[offsets[r] + oy·PaddedWidth + ox]</c>. As the right operand of
/// <c>Yᵀ = W · Xᵀ</c> (k = patch, n = positions) each Nr-wide panel is a few runs of neighbouring positions,
/// each contiguous in the image, so a k step costs one vector copy per run.
/// </summary>
internal readonly unsafe struct ImplicitPatches<T>(T* image, int* columnOffsets, int outWidth, int paddedWidth)
    : IPackB<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Any panel can be read in place: position j of the panel sits at a fixed displacement from the first one's
    /// pixel (one more padded row further when the panel wraps to the next output row), the same at every k step.
    /// </summary>
    public bool Streams => true;

    bool IPackB<T>.ReadsInPlace => true;

    public void PackBlock(int column, int columns, int depth, int steps, T* dst) =>
        Panels.PackEach<T, ImplicitPatches<T>>(this, column, columns, depth, steps, dst);

    public T* InPlace(int column, int depth, int* columns, out int* offsets)
    {
        int oy0 = column / outWidth, ox0 = column - oy0 * outWidth;
        for (int j = 0; j < GemmMicroKernel.Nr; j++)
        {
            int pos = column + j, oy = pos / outWidth, ox = pos - oy * outWidth;
            columns[j] = (oy - oy0) * paddedWidth + ox - ox0;
        }
        offsets = columnOffsets + depth;
        return image + oy0 * paddedWidth + ox0;
    }

    /// <summary>
    /// For panels that cannot be read in place: a partial last panel, or B packed whole when A has several row
    /// blocks. Copies are a whole multiple of the vector width at least Nr wide; what they write past a run's end is
    /// overwritten by the next run or the next k step (the driver leaves room after the last panel, and the
    /// padded image has slack after its last value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public T* Pack(int column, int columns, int depth, int steps, T* dst)
    {
        T* start = dst;
        const int nr = GemmMicroKernel.Nr;
        nint w = Vector256<T>.Count;
        int* source = stackalloc int[nr];
        int* target = stackalloc int[nr];
        int runs = 0;
        for (int d = 0, pos = column; d < columns; runs++)
        {
            int oy = pos / outWidth, ox = pos - oy * outWidth, length = Math.Min(outWidth - ox, columns - d);
            source[runs] = oy * paddedWidth + ox;
            target[runs] = d;
            d += length;
            pos += length;
        }
        int* offs = columnOffsets + depth;
        bool twoVectors = w < nr;
        for (int r = 0; r < steps; r++, dst += nr)
        {
            T* s = image + offs[r];
            for (int i = 0; i < runs; i++)
            {
                T* from = s + source[i];
                T* to = dst + target[i];
                Vector256.Load(from).Store(to);
                if (twoVectors) Vector256.Load(from + w).Store(to + w);
            }
        }
        return start;
    }
}
