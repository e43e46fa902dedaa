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
    private T[]?[] _weightGradients = [], _biasGradients = [];

    protected ConvolutionEngine(ConvGeometry geometry, int depth)
    {
        Geometry = geometry;
        Depth = depth;
    }

    protected ConvGeometry Geometry { get; }
    protected int Depth { get; }

    /// <summary>y = conv(x, W) + b for n images; <paramref name="training"/> lets the engine keep what the backward pass reuses.</summary>
    public abstract void Forward(T[] x, T[] y, T[] w, T[] b, int n, bool training);

    /// <summary>∂L/∂W and ∂L/∂b (overwritten), and ∂L/∂x when <paramref name="inputGradient"/> (else dx is left alone).</summary>
    public abstract void Backward(T[] x, T[] dy, T[] dx, T[] w, T[] dw, T[] db, int n, bool inputGradient);

    /// <summary>Makes room for the gradients of <paramref name="chunks"/> chunks (<see cref="BatchParallel.ForChunks"/>), before the region.</summary>
    protected void ReserveChunks(int chunks)
    {
        if (_weightGradients.Length < chunks) Array.Resize(ref _weightGradients, chunks);
        if (_biasGradients.Length < chunks) Array.Resize(ref _biasGradients, chunks);
    }

    /// <summary>
    /// Where chunk <paramref name="chunk"/> accumulates its images' ∂L/∂W and ∂L/∂b, cleared: chunk 0 the parameter
    /// gradients themselves, the others their own arrays, added in chunk order by <see cref="SumChunkGradients"/>.
    /// </summary>
    protected (T[] Dw, T[] Db) ChunkGradients(int chunk, T[] dw, T[] db)
    {
        var dwChunk = chunk == 0 ? dw : Sized(ref _weightGradients[chunk], dw.Length);
        var dbChunk = chunk == 0 ? db : Sized(ref _biasGradients[chunk], db.Length);
        Array.Clear(dwChunk);
        Array.Clear(dbChunk);
        return (dwChunk, dbChunk);
    }

    /// <summary>dw, db = chunk 0 + chunk 1 + … in that order: the same sum on any number of workers.</summary>
    protected void SumChunkGradients(int chunks, T[] dw, T[] db)
    {
        for (int chunk = 1; chunk < chunks; chunk++)
        {
            SpanMath.Add<T>(_weightGradients[chunk]!, dw);
            SpanMath.Add<T>(_biasGradients[chunk]!, db);
        }
    }

    private static T[] Sized(ref T[]? array, int length) => array is not null && array.Length == length ? array : array = new T[length];
}
