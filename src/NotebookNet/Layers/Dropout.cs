using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// Inverted dropout: while training, each value is zeroed with probability <c>rate</c> and the survivors are
/// scaled by <c>1 / (1 − rate)</c>, so the expected output equals the input and evaluation
/// (<see cref="Layer{T}.IsTraining"/> false) is the identity. The mask is drawn from the layer's <see cref="Rng"/>.
/// </summary>
public sealed class Dropout<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly Rng _rng;
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();
    private T[] _mask = [];
    private bool _masked;

    public Dropout(double rate, Rng rng)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "Dropout: the rate must be in [0, 1).");
        Rate = rate;
        _rng = rng ?? throw new ArgumentNullException(nameof(rng));
    }

    /// <summary>The probability of dropping each value while training.</summary>
    public double Rate { get; }

    public override string Name => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Dropout({Rate})");
    public override string Code => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"dropout {Rate:R}");

    public override Matrix<T> Forward(Matrix<T> input)
    {
        Input = input;
        _masked = IsTraining && Rate > 0;
        if (!_masked) return Output = input;
        int length = input.RowCount * input.ColumnCount;
        if (_mask.Length != length) _mask = new T[length];
        T keep = T.CreateChecked(1 / (1 - Rate));
        for (int i = 0; i < _mask.Length; i++) _mask[i] = _rng.NextDouble() < Rate ? T.Zero : keep;
        var output = _output.Get(input.RowCount, input.ColumnCount);
        SpanMath.Multiply<T>(MatrixData.Of(input), _mask, MatrixData.Of(output));
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var input = RequireForward(outputGradient, Input?.RowCount ?? 0);
        if (!_masked) return outputGradient;
        var inputGradient = _inputGradient.Get(input.RowCount, input.ColumnCount);
        SpanMath.Multiply<T>(MatrixData.Of(outputGradient), _mask, MatrixData.Of(inputGradient));
        return inputGradient;
    }
}
