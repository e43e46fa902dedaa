using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
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
    /// last layer reuses on its next call; <see cref="Predict"/> returns a copy.
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
    /// <see cref="Predict"/> for many samples, <paramref name="batchSize"/> columns at a time so the
    /// intermediate buffers stay small.
    /// </summary>
    public Matrix<T> PredictBatched(Matrix<T> inputs, int batchSize = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int rows = inputs.RowCount, n = inputs.ColumnCount;
        bool wasTraining = IsTraining;
        IsTraining = false;
        try
        {
            var x = MatrixData.Of(inputs);
            Matrix<T>? result = null;
            Matrix<T>? batch = null;
            for (int start = 0; start < n; start += batchSize)
            {
                int count = Math.Min(batchSize, n - start);
                if (batch is null || batch.ColumnCount != count) batch = Matrix<T>.Build.Dense(rows, count);
                x.AsSpan(start * rows, count * rows).CopyTo(MatrixData.Of(batch));
                var output = Forward(batch);
                result ??= Matrix<T>.Build.Dense(output.RowCount, n);
                MatrixData.Of(output).AsSpan(0, count * output.RowCount)
                    .CopyTo(MatrixData.Of(result).AsSpan(start * output.RowCount));
            }
            return result ?? Forward(inputs).Clone();
        }
        finally
        {
            IsTraining = wasTraining;
        }
    }

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
            shape = layer switch
            {
                IShapedLayer s => s.OutputShapeText,
                Dense<T> d => d.OutputSize.ToString(CultureInfo.InvariantCulture),
                _ => shape,
            };
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
