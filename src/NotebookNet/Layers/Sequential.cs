using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// A network: layers applied in order. It is the tutorial's list of layers (it implements
/// <see cref="IReadOnlyList{T}"/>, so <c>Tutorial.Train</c> and <c>Tutorial.Predict</c> accept it), plus what
/// mini-batch training needs: one backward pass through all layers, all parameters, a train/eval switch,
/// batched prediction and a printable summary.
/// </summary>
public sealed class Sequential<T> : IReadOnlyList<Layer<T>> where T : struct, IFloatingPointIeee754<T>
{
    private readonly List<Layer<T>> _layers = [];
    private Parameter<T>[] _parameters = [];

    public Sequential(params IEnumerable<Layer<T>> layers)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>Appends <paramref name="layer"/>; returns this network so calls can be chained.</summary>
    public Sequential<T> Add(Layer<T> layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        layer.IsTraining = IsTraining;
        _layers.Add(layer);
        _parameters = [.. _layers.SelectMany(l => l.Parameters)];
        return this;
    }

    public int Count => _layers.Count;

    public Layer<T> this[int index] => _layers[index];

    /// <summary>Every trainable parameter, layer by layer, in order: what an optimizer steps.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    /// <summary>The number of trainable values.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Value.RowCount * p.Value.ColumnCount);

    /// <summary>True in training mode (dropout active); set it, or call <see cref="Train"/> / <see cref="Eval"/>.</summary>
    public bool IsTraining
    {
        get;
        set
        {
            field = value;
            foreach (var layer in _layers) layer.IsTraining = value;
        }
    } = true;

    /// <summary>Switches every layer to training mode.</summary>
    public Sequential<T> Train()
    {
        IsTraining = true;
        return this;
    }

    /// <summary>Switches every layer to evaluation mode (dropout off).</summary>
    public Sequential<T> Eval()
    {
        IsTraining = false;
        return this;
    }

    /// <summary>
    /// Runs <paramref name="input"/> (one sample per column) through every layer. The result may be a buffer the
    /// last layer reuses on its next call; <see cref="Predict(Matrix{T})"/> returns a copy.
    /// </summary>
    public Matrix<T> Forward(Matrix<T> input)
    {
        if (_layers.Count == 0) throw new InvalidOperationException("Sequential: the network has no layers.");
        var output = input;
        foreach (var layer in _layers) output = layer.Forward(output);
        return output;
    }

    /// <summary>
    /// Backpropagates ∂L/∂output through every layer in reverse, filling each parameter's gradient.
    /// Returns ∂L/∂input; when <paramref name="inputGradientNeeded"/> is false (training), the first layer may
    /// skip it and the result is zeros.
    /// </summary>
    public Matrix<T> Backward(Matrix<T> outputGradient, bool inputGradientNeeded = true)
    {
        if (_layers.Count == 0) throw new InvalidOperationException("Sequential: the network has no layers.");
        var gradient = outputGradient;
        for (int l = _layers.Count - 1; l >= 0; l--)
        {
            var layer = _layers[l];
            bool saved = layer.InputGradientNeeded;
            if (l == 0) layer.InputGradientNeeded = inputGradientNeeded;
            try
            {
                gradient = layer.Backward(gradient);
            }
            finally
            {
                layer.InputGradientNeeded = saved;
            }
        }
        return gradient;
    }

    /// <summary>The outputs for <paramref name="inputs"/> in evaluation mode, as a new matrix; the mode is restored.</summary>
    public Matrix<T> Predict(Matrix<T> inputs) => PredictBatched(inputs, Math.Max(1, inputs.ColumnCount));

    /// <summary>
    /// <see cref="Predict(Matrix{T})"/> for many samples, <paramref name="batchSize"/> columns at a time so the
    /// intermediate buffers stay small.
    /// </summary>
    public Matrix<T> PredictBatched(Matrix<T> inputs, int batchSize = 256)
    {
        var x = MatrixData.Of(inputs);
        int rows = inputs.RowCount;
        return Collect(inputs.ColumnCount, rows, batchSize,
            (start, count, batch) => x.AsSpan(start * rows, count * rows).CopyTo(batch));
    }

    /// <summary>The outputs for every sample of <paramref name="data"/> (one column each), in evaluation mode.</summary>
    public Matrix<T> Predict(IDataSource<T> data, int batchSize = 500)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Collect(data.Count, data.Features, batchSize, Gather(data));
    }

    /// <summary><see cref="ForEachBatch(int, int, int, BatchGather, Action{int, Matrix{T}})"/> over the samples of <paramref name="data"/>.</summary>
    public void ForEachBatch(IDataSource<T> data, int batchSize, Action<int, Matrix<T>> onBatch)
    {
        ArgumentNullException.ThrowIfNull(data);
        ForEachBatch(data.Count, data.Features, batchSize, Gather(data), onBatch);
    }

    /// <summary>
    /// The one inference loop: runs <paramref name="count"/> samples through the network in evaluation mode,
    /// <paramref name="batchSize"/> at a time. <paramref name="gather"/> writes samples [start, start + count) one per
    /// column; <paramref name="onBatch"/> receives the first index and the outputs (valid until the next batch).
    /// The mode is restored afterwards.
    /// </summary>
    public void ForEachBatch(int count, int features, int batchSize, BatchGather gather, Action<int, Matrix<T>> onBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        bool wasTraining = IsTraining;
        IsTraining = false;
        try
        {
            Matrix<T>? batch = null;
            for (int start = 0; start < count; start += batchSize)
            {
                int size = Math.Min(batchSize, count - start);
                if (batch is null || batch.ColumnCount != size) batch = Matrix<T>.Build.Dense(features, size);
                gather(start, size, MatrixData.Of(batch));
                onBatch(start, Forward(batch));
            }
        }
        finally
        {
            IsTraining = wasTraining;
        }
    }

    /// <summary>Writes samples [<paramref name="start"/>, start + <paramref name="count"/>) into <paramref name="batch"/>, one per column.</summary>
    public delegate void BatchGather(int start, int count, Span<T> batch);

    private Matrix<T> Collect(int count, int features, int batchSize, BatchGather gather)
    {
        if (count == 0) throw new ArgumentException("Sequential: there are no samples to predict.");
        Matrix<T>? result = null;
        ForEachBatch(count, features, batchSize, gather, (start, outputs) =>
        {
            result ??= Matrix<T>.Build.Dense(outputs.RowCount, count);
            MatrixData.Of(outputs).CopyTo(MatrixData.Of(result).AsSpan(start * outputs.RowCount));
        });
        return result!;
    }

    private static BatchGather Gather(IDataSource<T> data) =>
        (start, count, batch) => data.Gather([.. Enumerable.Range(start, count)], batch);

    /// <summary>
    /// A table of the layers with their output shapes and parameter counts, e.g.
    /// <c>Convolutional(1x28x28 → 8x26x26)   8x26x26   80</c>, and the total.
    /// </summary>
    public string Summary()
    {
        var rows = new List<(string Layer, string Shape, string Params)>();
        string shape = "?";
        foreach (var layer in _layers)
        {
            if (layer is IShapedLayer shaped) shape = shaped.OutputShapeText;
            long count = layer.Parameters.Sum(p => (long)p.Value.RowCount * p.Value.ColumnCount);
            rows.Add((layer.Name, shape, count.ToString("N0", CultureInfo.InvariantCulture)));
        }
        const string h1 = "Layer", h2 = "Output shape", h3 = "Parameters";
        int w1 = Math.Max(h1.Length, rows.Select(r => r.Layer.Length).DefaultIfEmpty().Max());
        int w2 = Math.Max(h2.Length, rows.Select(r => r.Shape.Length).DefaultIfEmpty().Max());
        int w3 = Math.Max(h3.Length, rows.Select(r => r.Params.Length).DefaultIfEmpty().Max());
        var sb = new StringBuilder();
        sb.Append(h1.PadRight(w1)).Append("  ").Append(h2.PadRight(w2)).Append("  ").AppendLine(h3.PadLeft(w3));
        sb.AppendLine(new string('-', w1 + w2 + w3 + 4));
        foreach (var r in rows)
            sb.Append(r.Layer.PadRight(w1)).Append("  ").Append(r.Shape.PadRight(w2)).Append("  ").AppendLine(r.Params.PadLeft(w3));
        sb.AppendLine(new string('-', w1 + w2 + w3 + 4));
        sb.Append("Total parameters: ").Append(ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public override string ToString() => Summary();

    public IEnumerator<Layer<T>> GetEnumerator() => _layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
