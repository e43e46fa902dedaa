using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NotebookNet.Kernels;

/// <summary>
/// The handful of 256-bit operations the kernels share, generic over <c>float</c>/<c>double</c>.
/// The <c>typeof(T)</c> tests are folded by the JIT, so each instantiation is a single instruction.
/// </summary>
internal static class Simd
{
    /// <summary>
    /// Whether the SIMD kernels may run: they need 256-bit vectors with fused multiply-add (x86 AVX2 + FMA).
    /// Elsewhere, and for element types other than float/double, the scalar fallbacks are used.
    /// </summary>
    public static bool IsSupported
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.IsHardwareAccelerated && Fma.IsSupported;
    }

    /// <summary>
    /// Whether kernels that have a 512-bit (AVX-512F) version may run it: on where the hardware accelerates such
    /// vectors. Every wide version gives the same bits as its 256-bit twin (each output keeps its order of
    /// operations), so turning this off changes speed only; tests turn it off to hold both versions to that.
    /// </summary>
    public static bool Wide
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => s_wide;
        set => s_wide = value && WideAvailable;
    }

    /// <summary>Whether this machine can run the 512-bit versions at all (setting <see cref="Wide"/> on elsewhere leaves it off).</summary>
    public static bool WideAvailable => IsSupported && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    private static bool s_wide = WideAvailable;

    /// <summary>a·b + c with one rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MulAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Fma.MultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Fma.MultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }
}
