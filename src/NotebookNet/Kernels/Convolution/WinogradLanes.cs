using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookNet.Kernels;

/// <summary>
/// A vector of channels (or kernels) as the Winograd transforms see it: add, subtract, multiply and broadcast, so one
/// transform serves both widths. <see cref="Lane256{T}"/> runs everywhere the kernels run; <see cref="Lane512{T}"/>
/// where <see cref="Simd.Wide"/> is on and the channels come in whole 512-bit vectors. Each lane of a result is the same
/// chain of operations at either width, so both give the same bits. A lane is read and written through a pointer to it:
/// its layout is the vector's.
/// </summary>
internal interface ILane<TV, T> where TV : unmanaged, ILane<TV, T> where T : unmanaged
{
    /// <summary>Values per lane vector.</summary>
    static abstract int Count { get; }

    /// <summary>numerator / denominator in every lane, rounded once.</summary>
    static abstract TV Constant(int numerator, int denominator);

    static abstract TV operator +(TV a, TV b);
    static abstract TV operator -(TV a, TV b);
    static abstract TV operator *(TV a, TV b);
}

/// <summary>256-bit lanes (<see cref="ILane{TV, T}"/>).</summary>
internal readonly struct Lane256<T> : ILane<Lane256<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector256<T> _v;

    private Lane256(Vector256<T> v) => _v = v;

    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> Constant(int numerator, int denominator) =>
        new(Vector256.Create(T.CreateTruncating(numerator) / T.CreateTruncating(denominator)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator +(Lane256<T> a, Lane256<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator -(Lane256<T> a, Lane256<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256<T> operator *(Lane256<T> a, Lane256<T> b) => new(a._v * b._v);
}

/// <summary>512-bit lanes (<see cref="ILane{TV, T}"/>), for AVX-512 machines.</summary>
internal readonly struct Lane512<T> : ILane<Lane512<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Vector512<T> _v;

    private Lane512(Vector512<T> v) => _v = v;

    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> Constant(int numerator, int denominator) =>
        new(Vector512.Create(T.CreateTruncating(numerator) / T.CreateTruncating(denominator)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator +(Lane512<T> a, Lane512<T> b) => new(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator -(Lane512<T> a, Lane512<T> b) => new(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512<T> operator *(Lane512<T> a, Lane512<T> b) => new(a._v * b._v);
}
