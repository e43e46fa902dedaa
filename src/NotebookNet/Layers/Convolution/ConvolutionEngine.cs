using System.Numerics;
using NotebookNet.Kernels;

namespace NotebookNet.Layers;

/// <summary>
/// How a <see cref="Convolutional{T}"/> layer computes a batch: the layer owns the parameters, shapes and
/// result matrices; an engine owns the algorithm and its buffers. Every array is column-major, one image per
/// column: x (C·H·W × n), y and ∂L/∂Y (depth·positions × n), W (depth × C·k·k), b (depth).
/// </summary>
internal abstract class ConvolutionEngine<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly T[]?[] _weightGradients, _biasGradients;

    protected ConvolutionEngine(ConvGeometry geometry, int depth)
    {
        Geometry = geometry;
        Depth = depth;
        (_weightGradients, _biasGradients) = (new T[Environment.ProcessorCount][], new T[Environment.ProcessorCount][]);
    }

    protected ConvGeometry Geometry { get; }
    protected int Depth { get; }

    /// <summary>y = conv(x, W) + b for n images; <paramref name="training"/> lets the engine keep what the backward pass reuses.</summary>
    public abstract void Forward(T[] x, T[] y, T[] w, T[] b, int n, bool training);

    /// <summary>∂L/∂W and ∂L/∂b (overwritten), and ∂L/∂x when <paramref name="inputGradient"/> (else dx is left alone).</summary>
    public abstract void Backward(T[] x, T[] dy, T[] dx, T[] w, T[] dw, T[] db, int n, bool inputGradient);

    /// <summary>A per-worker buffer of exactly <paramref name="length"/> elements, reused across calls.</summary>
    protected static T[] Buffer(T[]?[] buffers, int worker, int length)
    {
        var buffer = buffers[worker];
        if (buffer is null || buffer.Length != length) buffers[worker] = buffer = new T[length];
        return buffer;
    }

    /// <summary>One buffer slot per core, for <see cref="Buffer"/>.</summary>
    protected static T[]?[] PerWorker() => new T[Environment.ProcessorCount][];

    /// <summary>
    /// Where worker <paramref name="worker"/> accumulates its images' ∂L/∂W and ∂L/∂b, cleared: worker 0 the
    /// parameter gradients themselves, the others their own arrays, added by <see cref="SumWorkerGradients"/>.
    /// </summary>
    protected (T[] Dw, T[] Db) WorkerGradients(int worker, T[] dw, T[] db)
    {
        var dwWorker = worker == 0 ? dw : Buffer(_weightGradients, worker, dw.Length);
        var dbWorker = worker == 0 ? db : Buffer(_biasGradients, worker, db.Length);
        Array.Clear(dwWorker);
        Array.Clear(dbWorker);
        return (dwWorker, dbWorker);
    }

    protected void SumWorkerGradients(int workers, T[] dw, T[] db)
    {
        for (int worker = 1; worker < workers; worker++)
        {
            SpanMath.Add<T>(_weightGradients[worker]!, dw);
            SpanMath.Add<T>(_biasGradients[worker]!, db);
        }
    }
}
