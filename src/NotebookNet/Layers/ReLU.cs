using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>The rectifier <c>max(0, x)</c>; its derivative is taken as 0 at x = 0, as PyTorch and Keras do.</summary>
/// <remarks>
/// ReLU follows every convolution of a CNN, so it computes the same functions as the delegates a vector at a
/// time, and reuses its output and gradient matrices between calls with the same batch size (clone them to
/// keep them).
/// </remarks>
public sealed class ReLU<T>() : Activation<T>(x => T.Max(x, T.Zero), x => x > T.Zero ? T.One : T.Zero)
    where T : struct, IFloatingPointIeee754<T>
{
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();

    public override Matrix<T> Forward(Matrix<T> input)
    {
        Input = input;
        var output = _output.Get(input.RowCount, input.ColumnCount);
        SpanMath.Relu<T>(MatrixData.Of(input), MatrixData.Of(output));
        return Output = output;
    }

    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var input = RequireForward(outputGradient, Input?.RowCount ?? 0);
        var result = _inputGradient.Get(input.RowCount, input.ColumnCount);
        SpanMath.ReluGradient<T>(MatrixData.Of(input), MatrixData.Of(outputGradient), MatrixData.Of(result));
        return result;
    }

    protected override void Apply(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Relu(x, y);

    protected override void ApplyPrime(ReadOnlySpan<T> x, Span<T> y) => SpanMath.Step(x, y);
}
