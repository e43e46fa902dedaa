using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>Small vectorised loops over spans that the CNN layers run on every batch.</summary>
public static class SpanMath
{
    /// <summary>y += x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>y = max(x, 0); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> y) where T : struct, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"Relu: lengths {x.Length} and {y.Length} differ.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            // x where x > 0 or x is NaN (x ≠ x), else 0.
            for (int v = 0; v < xv.Length; v++)
            {
                var xs = xv[v];
                var keep = Vector.GreaterThan(xs, Vector<T>.Zero) | ~Vector.Equals(xs, xs);
                yv[v] = Vector.ConditionalSelect(keep, xs, Vector<T>.Zero);
            }
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) y[i] = T.Max(x[i], T.Zero);
    }

    /// <summary>dx = g where x &gt; 0, else 0: ReLU's backward pass in one sweep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluGradient<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> dx) where T : struct, IFloatingPointIeee754<T>
    {
        if (x.Length != g.Length || x.Length != dx.Length)
            throw new ArgumentException($"ReluGradient: lengths {x.Length}, {g.Length} and {dx.Length} differ.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var dv = MemoryMarshal.Cast<T, Vector<T>>(dx);
            for (int v = 0; v < xv.Length; v++)
                dv[v] = Vector.ConditionalSelect(Vector.GreaterThan(xv[v], Vector<T>.Zero), gv[v], Vector<T>.Zero);
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) dx[i] = x[i] > T.Zero ? g[i] : T.Zero;
    }

    /// <summary>y = x + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScalar<T>(ReadOnlySpan<T> x, T c, Span<T> y) where T : struct, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"AddScalar: lengths {x.Length} and {y.Length} differ.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var xv = MemoryMarshal.Cast<T, Vector<T>>(x);
            var yv = MemoryMarshal.Cast<T, Vector<T>>(y);
            var cv = new Vector<T>(c);
            for (int v = 0; v < xv.Length; v++) yv[v] = xv[v] + cv;
            i = xv.Length * Vector<T>.Count;
        }
        for (; i < x.Length; i++) y[i] = x[i] + c;
    }
}
