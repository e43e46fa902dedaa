using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NotebookNet.Kernels;

/// <summary>The parameter updates of SGD and Adam, vectorised; they run over every weight after every batch.</summary>
public static class OptimizerKernels
{
    /// <summary>
    /// PyTorch's SGD for one tensor: <c>d = g + wd·p</c>; with momentum <c>buf = first ? d : μ·buf + d</c> and
    /// <c>d = nesterov ? d + μ·buf : buf</c>; then <c>p −= lr·d</c>. <paramref name="buffer"/> is ignored
    /// without momentum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> buffer, T learningRate, T momentum, T weightDecay,
        bool nesterov, bool firstStep) where T : struct, IFloatingPointIeee754<T>
    {
        if (g.Length != p.Length) throw new ArgumentException($"Sgd: {p.Length} values but {g.Length} gradients.");
        bool useMomentum = momentum != T.Zero;
        if (useMomentum && buffer.Length != p.Length) throw new ArgumentException($"Sgd: momentum buffer of {buffer.Length} for {p.Length} values.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var lr = new Vector<T>(learningRate);
            var mu = new Vector<T>(momentum);
            var wd = new Vector<T>(weightDecay);
            if (!useMomentum)
            {
                for (int v = 0; v < pv.Length; v++) pv[v] -= lr * (gv[v] + wd * pv[v]);
            }
            else
            {
                var bv = MemoryMarshal.Cast<T, Vector<T>>(buffer);
                for (int v = 0; v < pv.Length; v++)
                {
                    var d = gv[v] + wd * pv[v];
                    var b = bv[v] = firstStep ? d : mu * bv[v] + d;
                    pv[v] -= lr * (nesterov ? d + mu * b : b);
                }
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T d = g[i] + weightDecay * p[i];
            if (useMomentum)
            {
                T b = buffer[i] = firstStep ? d : momentum * buffer[i] + d;
                d = nesterov ? d + momentum * b : b;
            }
            p[i] -= learningRate * d;
        }
    }

    /// <summary>
    /// PyTorch's Adam for one tensor at step t: <c>d = g + wd·p</c>, <c>m = β₁m + (1−β₁)d</c>,
    /// <c>v = β₂v + (1−β₂)d²</c>, <c>p −= stepSize · m / (√v / √(1−β₂ᵗ) + ε)</c> with <c>stepSize = lr / (1−β₁ᵗ)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T stepSize, T beta1, T beta2,
        T sqrtCorrection2, T epsilon, T weightDecay) where T : struct, IFloatingPointIeee754<T>
    {
        if (g.Length != p.Length || m.Length != p.Length || v.Length != p.Length)
            throw new ArgumentException($"Adam: {p.Length} values but {g.Length} gradients, {m.Length} and {v.Length} moments.");
        T oneMinusBeta1 = T.One - beta1, oneMinusBeta2 = T.One - beta2;
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            Vector<T> b1 = new(beta1), b2 = new(beta2), c1 = new(oneMinusBeta1), c2 = new(oneMinusBeta2);
            Vector<T> step = new(stepSize), sc = new(sqrtCorrection2), eps = new(epsilon), wd = new(weightDecay);
            for (int k = 0; k < pv.Length; k++)
            {
                var d = gv[k] + wd * pv[k];
                var mk = mv[k] = b1 * mv[k] + c1 * d;
                var vk = vv[k] = b2 * vv[k] + c2 * (d * d);
                pv[k] -= step * mk / (Vector.SquareRoot(vk) / sc + eps);
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T d = g[i] + weightDecay * p[i];
            T mi = m[i] = beta1 * m[i] + oneMinusBeta1 * d;
            T vi = v[i] = beta2 * v[i] + oneMinusBeta2 * (d * d);
            p[i] -= stepSize * mi / (T.Sqrt(vi) / sqrtCorrection2 + epsilon);
        }
    }
}
