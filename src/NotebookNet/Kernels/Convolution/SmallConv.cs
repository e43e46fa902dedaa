using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// The two convolution products for layers with few weights per kernel (a first layer: one channel, 3×3 or 5×5
/// kernels), where each output value takes only a few dozen multiply-adds and a general GEMM spends more time
/// packing and storing than computing. Both read the im2col matrix (positions × patch) in place and run along
/// the positions, a vector at a time, eight kernels at once: eight independent fused multiply-add chains keep
/// both FMA pipes busy while each column vector is loaded once for all eight.
/// </summary>
public static class SmallConv
{
    /// <summary>Below this many weights (depth · patch) the direct products beat <see cref="Blas.Gemm{T}"/> whatever the depth.</summary>
    public const int MaxWeights = 128;

    /// <summary>
    /// At most this many weights per kernel (a 5×5 kernel on one channel) the direct forward product beats it at any
    /// depth (LeNet-5's first layer, as <c>bench/run.sh</c> measured); its weight gradient does not.
    /// </summary>
    public const int MaxPatch = 32;

    /// <summary>Whether <see cref="Forward{T}"/> suits <paramref name="depth"/> kernels of <paramref name="patch"/> weights.</summary>
    public static bool SuitsForward(int patch, int depth) => depth * patch <= MaxWeights || patch <= MaxPatch;

    /// <summary>Whether <see cref="WeightGradient{T}"/> suits <paramref name="depth"/> kernels of <paramref name="patch"/> weights.</summary>
    public static bool SuitsWeightGradient(int patch, int depth) => depth * patch <= MaxWeights;

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
        int p = 0;
        if (Simd.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
        {
            int vc = Vector256<T>.Count;
            for (; p <= positions - vc; p += vc)
            {
                int f = 0;
                for (; f <= depth - 8; f += 8)
                {
                    Vector256<T> a0 = Vector256.Create(bias[f]), a1 = Vector256.Create(bias[f + 1]);
                    Vector256<T> a2 = Vector256.Create(bias[f + 2]), a3 = Vector256.Create(bias[f + 3]);
                    Vector256<T> a4 = Vector256.Create(bias[f + 4]), a5 = Vector256.Create(bias[f + 5]);
                    Vector256<T> a6 = Vector256.Create(bias[f + 6]), a7 = Vector256.Create(bias[f + 7]);
                    for (int r = 0; r < patch; r++)
                    {
                        var x = Vector256.LoadUnsafe(ref c, (nuint)(r * positions + p));
                        ref T wr = ref Unsafe.Add(ref w, r * depth + f);
                        a0 = Simd.MulAdd(x, Vector256.Create(wr), a0);
                        a1 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 1)), a1);
                        a2 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 2)), a2);
                        a3 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 3)), a3);
                        a4 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 4)), a4);
                        a5 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 5)), a5);
                        a6 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 6)), a6);
                        a7 = Simd.MulAdd(x, Vector256.Create(Unsafe.Add(ref wr, 7)), a7);
                    }
                    a0.StoreUnsafe(ref o, (nuint)(f * positions + p));
                    a1.StoreUnsafe(ref o, (nuint)((f + 1) * positions + p));
                    a2.StoreUnsafe(ref o, (nuint)((f + 2) * positions + p));
                    a3.StoreUnsafe(ref o, (nuint)((f + 3) * positions + p));
                    a4.StoreUnsafe(ref o, (nuint)((f + 4) * positions + p));
                    a5.StoreUnsafe(ref o, (nuint)((f + 5) * positions + p));
                    a6.StoreUnsafe(ref o, (nuint)((f + 6) * positions + p));
                    a7.StoreUnsafe(ref o, (nuint)((f + 7) * positions + p));
                }
                for (; f < depth; f++)
                {
                    var a = Vector256.Create(bias[f]);
                    for (int r = 0; r < patch; r++)
                        a = Simd.MulAdd(Vector256.LoadUnsafe(ref c, (nuint)(r * positions + p)), Vector256.Create(Unsafe.Add(ref w, r * depth + f)), a);
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
        bool simd = Simd.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double));
        int vc = Vector256<T>.Count, vectorEnd = simd ? positions - positions % vc : 0;
        for (int r = 0; r < patch; r++)
        {
            ref T cr = ref Unsafe.Add(ref c, r * positions);
            int f = 0;
            if (simd)
                for (; f <= depth - 8; f += 8)
                {
                    ref T g0 = ref Unsafe.Add(ref g, f * positions);
                    Vector256<T> a0 = default, a1 = default, a2 = default, a3 = default;
                    Vector256<T> a4 = default, a5 = default, a6 = default, a7 = default;
                    for (int p = 0; p < vectorEnd; p += vc)
                    {
                        var x = Vector256.LoadUnsafe(ref cr, (nuint)p);
                        a0 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)p), a0);
                        a1 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(positions + p)), a1);
                        a2 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(2 * positions + p)), a2);
                        a3 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(3 * positions + p)), a3);
                        a4 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(4 * positions + p)), a4);
                        a5 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(5 * positions + p)), a5);
                        a6 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(6 * positions + p)), a6);
                        a7 = Simd.MulAdd(x, Vector256.LoadUnsafe(ref g0, (nuint)(7 * positions + p)), a7);
                    }
                    Span<T> sums = [Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3),
                        Vector256.Sum(a4), Vector256.Sum(a5), Vector256.Sum(a6), Vector256.Sum(a7)];
                    for (int q = 0; q < 8; q++)
                    {
                        ref T gq = ref Unsafe.Add(ref g0, q * positions);
                        T s = sums[q];
                        for (int p = vectorEnd; p < positions; p++) s += Unsafe.Add(ref cr, p) * Unsafe.Add(ref gq, p);
                        weightGradient[r * depth + f + q] += s;
                    }
                }
            for (; f < depth; f++)
            {
                ref T gf = ref Unsafe.Add(ref g, f * positions);
                T s = T.Zero;
                int p = 0;
                if (simd)
                {
                    Vector256<T> a = default;
                    for (; p < vectorEnd; p += vc) a = Simd.MulAdd(Vector256.LoadUnsafe(ref cr, (nuint)p), Vector256.LoadUnsafe(ref gf, (nuint)p), a);
                    s = Vector256.Sum(a);
                }
                for (; p < positions; p++) s += Unsafe.Add(ref cr, p) * Unsafe.Add(ref gf, p);
                weightGradient[r * depth + f] += s;
            }
        }
    }
}
