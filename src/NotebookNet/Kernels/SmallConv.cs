using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>
/// The two convolution products for layers with very few weights (a first layer: one channel, 3x3 kernels,
/// 8 filters), where each output value takes only a handful of multiply-adds and a general GEMM spends more
/// time packing than computing. Both read the im2col matrix (positions × patch) in place and run along the
/// positions, a vector at a time.
/// </summary>
public static class SmallConv
{
    /// <summary>Below this many weights (depth · patch) the direct products beat <see cref="Blas.Gemm{T}"/>.</summary>
    public const int MaxWeights = 128;

    /// <summary>
    /// y (positions × depth, column-major) = columns (positions × patch) · Wᵀ + bias, with W (depth × patch)
    /// column-major: what <c>Blas.Gemm(false, true, …)</c> computes in the convolution's forward pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward<T>(ReadOnlySpan<T> columns, int positions, int patch, ReadOnlySpan<T> weights,
        ReadOnlySpan<T> bias, int depth, Span<T> y) where T : struct, IFloatingPointIeee754<T>
    {
        if (columns.Length < positions * patch || weights.Length < depth * patch || bias.Length < depth || y.Length < positions * depth)
            throw new ArgumentException("SmallConv.Forward: buffers smaller than the shapes.");
        ref T c = ref MemoryMarshal.GetReference(columns);
        ref T w = ref MemoryMarshal.GetReference(weights);
        ref T o = ref MemoryMarshal.GetReference(y);
        int vc = Vector<T>.Count, p = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            for (; p <= positions - vc; p += vc)
            {
                int f = 0;
                for (; f <= depth - 4; f += 4)
                {
                    Vector<T> a0 = new(bias[f]), a1 = new(bias[f + 1]), a2 = new(bias[f + 2]), a3 = new(bias[f + 3]);
                    for (int r = 0; r < patch; r++)
                    {
                        var x = Vector.LoadUnsafe(ref c, (nuint)(r * positions + p));
                        ref T wr = ref Unsafe.Add(ref w, r * depth + f);
                        a0 += x * new Vector<T>(wr);
                        a1 += x * new Vector<T>(Unsafe.Add(ref wr, 1));
                        a2 += x * new Vector<T>(Unsafe.Add(ref wr, 2));
                        a3 += x * new Vector<T>(Unsafe.Add(ref wr, 3));
                    }
                    a0.StoreUnsafe(ref o, (nuint)(f * positions + p));
                    a1.StoreUnsafe(ref o, (nuint)((f + 1) * positions + p));
                    a2.StoreUnsafe(ref o, (nuint)((f + 2) * positions + p));
                    a3.StoreUnsafe(ref o, (nuint)((f + 3) * positions + p));
                }
                for (; f < depth; f++)
                {
                    Vector<T> a = new(bias[f]);
                    for (int r = 0; r < patch; r++)
                        a += Vector.LoadUnsafe(ref c, (nuint)(r * positions + p)) * new Vector<T>(Unsafe.Add(ref w, r * depth + f));
                    a.StoreUnsafe(ref o, (nuint)(f * positions + p));
                }
            }
        }
        for (; p < positions; p++)
            for (int f = 0; f < depth; f++)
            {
                T a = bias[f];
                for (int r = 0; r < patch; r++) a += Unsafe.Add(ref c, r * positions + p) * Unsafe.Add(ref w, r * depth + f);
                Unsafe.Add(ref o, f * positions + p) = a;
            }
    }

    /// <summary>
    /// ∂W (depth × patch, column-major) += dYᵀ · columns and ∂b += column sums of dY, with dY (positions × depth):
    /// what <c>Blas.Gemm(true, false, …)</c> and a sum compute in the convolution's backward pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient<T>(ReadOnlySpan<T> outputGradient, ReadOnlySpan<T> columns, int positions, int patch,
        int depth, Span<T> weightGradient, Span<T> biasGradient) where T : struct, IFloatingPointIeee754<T>
    {
        if (columns.Length < positions * patch || outputGradient.Length < positions * depth ||
            weightGradient.Length < depth * patch || biasGradient.Length < depth)
            throw new ArgumentException("SmallConv.WeightGradient: buffers smaller than the shapes.");
        ref T c = ref MemoryMarshal.GetReference(columns);
        ref T g = ref MemoryMarshal.GetReference(outputGradient);
        for (int f = 0; f < depth; f++)
            biasGradient[f] += SpanMath.Sum(outputGradient.Slice(f * positions, positions));
        int vc = Vector<T>.Count, vectorEnd = Vector.IsHardwareAccelerated && Vector<T>.IsSupported ? positions - positions % vc : 0;
        for (int r = 0; r < patch; r++)
        {
            ref T cr = ref Unsafe.Add(ref c, r * positions);
            int f = 0;
            for (; f <= depth - 4; f += 4)
            {
                ref T g0 = ref Unsafe.Add(ref g, f * positions);
                ref T g1 = ref Unsafe.Add(ref g0, positions);
                ref T g2 = ref Unsafe.Add(ref g1, positions);
                ref T g3 = ref Unsafe.Add(ref g2, positions);
                Vector<T> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int p = 0; p < vectorEnd; p += vc)
                {
                    var x = Vector.LoadUnsafe(ref cr, (nuint)p);
                    a0 += x * Vector.LoadUnsafe(ref g0, (nuint)p);
                    a1 += x * Vector.LoadUnsafe(ref g1, (nuint)p);
                    a2 += x * Vector.LoadUnsafe(ref g2, (nuint)p);
                    a3 += x * Vector.LoadUnsafe(ref g3, (nuint)p);
                }
                T s0 = Vector.Sum(a0), s1 = Vector.Sum(a1), s2 = Vector.Sum(a2), s3 = Vector.Sum(a3);
                for (int p = vectorEnd; p < positions; p++)
                {
                    T x = Unsafe.Add(ref cr, p);
                    s0 += x * Unsafe.Add(ref g0, p);
                    s1 += x * Unsafe.Add(ref g1, p);
                    s2 += x * Unsafe.Add(ref g2, p);
                    s3 += x * Unsafe.Add(ref g3, p);
                }
                weightGradient[r * depth + f] += s0;
                weightGradient[r * depth + f + 1] += s1;
                weightGradient[r * depth + f + 2] += s2;
                weightGradient[r * depth + f + 3] += s3;
            }
            for (; f < depth; f++)
            {
                ref T gf = ref Unsafe.Add(ref g, f * positions);
                Vector<T> a = default;
                for (int p = 0; p < vectorEnd; p += vc) a += Vector.LoadUnsafe(ref cr, (nuint)p) * Vector.LoadUnsafe(ref gf, (nuint)p);
                T s = Vector.Sum(a);
                for (int p = vectorEnd; p < positions; p++) s += Unsafe.Add(ref cr, p) * Unsafe.Add(ref gf, p);
                weightGradient[r * depth + f] += s;
            }
        }
    }
}
