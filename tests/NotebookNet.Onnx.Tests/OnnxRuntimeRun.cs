using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NotebookNet.Onnx.Tests;

/// <summary>Runs an exported file in ONNX Runtime on columns of samples, a batch at a time.</summary>
internal static class OnnxRuntimeRun
{
    /// <summary>
    /// The model's <c>output</c> for every column of <paramref name="inputs"/>, as a (outputs, samples) matrix;
    /// <paramref name="sampleShape"/> is the graph input's shape without the batch dimension.
    /// </summary>
    public static Matrix<T> Outputs<T>(byte[] model, Matrix<T> inputs, int[] sampleShape, int batchSize = 500)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var x = inputs.AsColumnMajorArray();
        int rows = inputs.RowCount, n = inputs.ColumnCount;
        Matrix<T>? result = null;
        for (int start = 0; start < n; start += batchSize)
        {
            int count = Math.Min(batchSize, n - start);
            // A column is one sample's values in the graph's row-major (C, H, W) order: the batch is the columns one after another.
            var tensor = new DenseTensor<T>(x.AsMemory(start * rows, count * rows), [count, .. sampleShape]);
            using var outputs = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.InputName, tensor)]);
            var y = outputs.Single(o => o.Name == OnnxExport.OutputName).AsTensor<T>();
            int classes = y.Dimensions[1];
            result ??= Matrix<T>.Build.Dense(classes, n);
            for (int j = 0; j < count; j++)
                for (int i = 0; i < classes; i++) result[i, start + j] = y[j, i];
        }
        return result!;
    }
}
