using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// Softmax over each column: <c>s = exp(x) / Σ exp(x)</c>. Unlike the tutorial's code, the column maximum is
/// subtracted first: the result is the same, but <c>exp(1000)</c> no longer overflows to NaN.
/// For training a classifier prefer the fused <c>SoftmaxCrossEntropy</c> loss on logits.
/// </summary>
public sealed class Softmax<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    private readonly MatrixCache<T> _output = new(), _inputGradient = new();

    public override Matrix<T> Forward(Matrix<T> input)
    {
        Input = input;
        var s = _output.Get(input.RowCount, input.ColumnCount);
        Ops.SoftmaxColumns(input, into: s);
        return Output = s;
    }

    /// <summary>
    /// The tutorial's <c>(I − sᵀ) ∘ s · g</c> for each column, computed as <c>s ∘ (g − sᵀg)</c>
    /// (the same product without building the n×n matrix).
    /// </summary>
    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        var x = RequireForward(outputGradient, Input?.RowCount ?? 0);
        var dx = _inputGradient.Get(x.RowCount, x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
        {
            Span<T> s = Ops.Column(Output!, j), g = Ops.Column(outputGradient, j), dxj = Ops.Column(dx, j);
            T sg = Ops.Dot<T>(s, g);
            for (int i = 0; i < s.Length; i++) dxj[i] = s[i] * (g[i] - sg);
        }
        return dx;
    }
}
