using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Layers;

/// <summary>
/// Softmax over each column: <c>exp(x) / Σ exp(x)</c>. Unlike the tutorial's code, the column maximum is
/// subtracted first: the result is the same, but <c>exp(1000)</c> no longer overflows to NaN.
/// For training a classifier prefer the fused <c>SoftmaxCrossEntropy</c> loss on logits.
/// </summary>
public sealed class Softmax<T> : Layer<T> where T : struct, IFloatingPointIeee754<T>
{
    public override Matrix<T> Forward(Matrix<T> input)
    {
        Input = input;
        int rows = input.RowCount;
        var output = Matrix<T>.Build.Dense(rows, input.ColumnCount);
        var x = MatrixData.Of(input);
        var y = MatrixData.Of(output);
        for (int j = 0; j < input.ColumnCount; j++)
        {
            var xs = x.AsSpan(j * rows, rows);
            var ys = y.AsSpan(j * rows, rows);
            T max = T.NegativeInfinity;
            foreach (var v in xs) max = T.Max(max, v);
            T sum = T.Zero;
            for (int i = 0; i < rows; i++) sum += ys[i] = T.Exp(xs[i] - max);
            for (int i = 0; i < rows; i++) ys[i] /= sum;
        }
        return Output = output;
    }

    /// <summary>
    /// The tutorial's <c>(I − sᵀ) ∘ s · g</c> for each column, computed as <c>s ∘ (g − sᵀg)</c>
    /// (the same product without building the n×n matrix).
    /// </summary>
    public override Matrix<T> Backward(Matrix<T> outputGradient)
    {
        int rows = RequireForward(outputGradient, Input?.RowCount ?? 0).RowCount;
        var s = MatrixData.Of(Output!);
        var g = MatrixData.Of(outputGradient);
        var result = Matrix<T>.Build.Dense(rows, outputGradient.ColumnCount);
        var dx = MatrixData.Of(result);
        for (int j = 0; j < outputGradient.ColumnCount; j++)
        {
            int o = j * rows;
            T dot = T.Zero;
            for (int i = 0; i < rows; i++) dot += s[o + i] * g[o + i];
            for (int i = 0; i < rows; i++) dx[o + i] = s[o + i] * (g[o + i] - dot);
        }
        return result;
    }
}
