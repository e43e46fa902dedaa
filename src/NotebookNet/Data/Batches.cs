using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Data;

/// <summary>
/// MNIST bytes to network inputs for mini-batches: images become columns of pixels / 255 (CHW order,
/// which for one channel is the image's row-major order), labels become one-hot columns or indices.
/// The overloads that take a destination reuse it, so a training loop allocates nothing per batch.
/// </summary>
public static class Batches
{
    /// <summary>Images <paramref name="start"/>…<paramref name="start"/>+<paramref name="count"/>−1 as a new (H·W, count) matrix scaled to [0, 1].</summary>
    public static Matrix<T> Images<T>(MnistImages images, int start, int count) where T : struct, IFloatingPointIeee754<T>
    {
        CheckRange(images.Count, start, count);
        var result = Matrix<T>.Build.Dense(images.Height * images.Width, count);
        var indices = Enumerable.Range(start, count).ToArray();
        Images(images, indices, MatrixData.Of(result));
        return result;
    }

    /// <summary>Writes the images at <paramref name="indices"/>, scaled to [0, 1], one per column of <paramref name="destination"/>.</summary>
    public static void Images<T>(MnistImages images, ReadOnlySpan<int> indices, Span<T> destination) where T : struct, IFloatingPointIeee754<T>
    {
        int size = images.Height * images.Width;
        if (destination.Length < indices.Length * size)
            throw new ArgumentException($"Batches.Images: {indices.Length} images of {size} pixels need {indices.Length * size} values, got {destination.Length}.");
        var scale = Scale<T>.Table;
        var pixels = images.Pixels;
        for (int j = 0; j < indices.Length; j++)
        {
            int index = indices[j];
            if ((uint)index >= (uint)images.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Batches.Images: there are {images.Count} images.");
            var src = pixels.AsSpan(index * size, size);
            var dst = destination.Slice(j * size, size);
            int i = 0;
            if (typeof(T) == typeof(float)) i = ScaleVectors(src, MemoryMarshal.Cast<T, float>(dst));
            for (; i < size; i++) dst[i] = scale[src[i]];
        }
    }

    /// <summary>Labels <paramref name="start"/>…<paramref name="start"/>+<paramref name="count"/>−1 as a new one-hot (classes, count) matrix.</summary>
    public static Matrix<T> OneHot<T>(ReadOnlySpan<byte> labels, int start, int count, int classes = 10) where T : struct, IFloatingPointIeee754<T>
    {
        CheckRange(labels.Length, start, count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        var result = Matrix<T>.Build.Dense(classes, count);
        var data = MatrixData.Of(result);
        for (int j = 0; j < count; j++)
        {
            int label = labels[start + j];
            if (label >= classes)
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"Batches.OneHot: label {start + j} is {label}, outside [0, {classes}).");
            data[j * classes + label] = T.One;
        }
        return result;
    }

    /// <summary>The labels as integers, for the losses and metrics that take class indices.</summary>
    public static int[] Labels(ReadOnlySpan<byte> labels)
    {
        var result = new int[labels.Length];
        for (int i = 0; i < result.Length; i++) result[i] = labels[i];
        return result;
    }

    /// <summary>
    /// The whole vectors of <see cref="Images{T}(MnistImages, ReadOnlySpan{int}, Span{T})"/> for float: eight bytes
    /// widened to floats and divided by 255, each lane the table's value (one correctly rounded division); returns
    /// how many pixels it wrote.
    /// </summary>
    private static int ScaleVectors(ReadOnlySpan<byte> src, Span<float> dst)
    {
        if (!Vector256.IsHardwareAccelerated || !Avx2.IsSupported) return 0;
        var divisor = Vector256.Create(255f);
        ref byte s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        int i = 0;
        for (; i <= src.Length - 8; i += 8)
        {
            var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref s, i))).AsByte();
            (Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(bytes)) / divisor).StoreUnsafe(ref d, (nuint)i);
        }
        return i;
    }

    private static void CheckRange(int total, int start, int count)
    {
        if (start < 0 || count <= 0 || start > total - count)
            throw new ArgumentOutOfRangeException(nameof(start), $"Batches: the range [{start}, {start + count}) is outside the {total} samples.");
    }

    // byte → value / 255 in float32 (as the tutorial's astype("float32") / 255), then converted to T.
    private static class Scale<T> where T : struct, IFloatingPointIeee754<T>
    {
        public static readonly T[] Table = Enumerable.Range(0, 256).Select(b => T.CreateChecked(b / 255f)).ToArray();
    }
}
