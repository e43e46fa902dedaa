using System.Numerics;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>Small vectorised loops over spans that the CNN layers run on every batch.</summary>
public static class SpanMath
{
    /// <summary>y += x.</summary>
    public static void Add<T>(ReadOnlySpan<T> x, Span<T> y) where T : struct, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"Add: lengths {x.Length} and {y.Length} differ.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            for (int v = 0; v < xv.Length; v++) yv[v] += xv[v];
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) y[i] += x[i];
    }

    /// <summary>Σ x.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : struct, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var acc = Vector<T>.Zero;
            for (int v = 0; v < xv.Length; v++) acc += xv[v];
            sum = Vector.Sum(acc);
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>z = x ∘ y (element-wise product).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z) where T : struct, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length || x.Length != z.Length)
            throw new ArgumentException($"Multiply: lengths {x.Length}, {y.Length} and {z.Length} differ.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            var zv = MemoryMarshal.Cast<T, Vector<T>>(z);
            for (int v = 0; v < xv.Length; v++) zv[v] = xv[v] * yv[v];
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) z[i] = x[i] * y[i];
    }
}
