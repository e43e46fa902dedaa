using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Layers;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

/// <summary>
/// A tiny image task: 1x8x8 pictures of a horizontal bar (class 0), a vertical bar (class 1) or a diagonal
/// (class 2) at a random place, plus noise. A small CNN learns it in a few epochs.
/// </summary>
internal static class Synthetic
{
    public static IDataSource<T> Bars<T>(int count, Rng rng) where T : struct, System.Numerics.IFloatingPointIeee754<T>
    {
        var x = Matrix<T>.Build.Dense(64, count);
        var labels = new int[count];
        for (int j = 0; j < count; j++)
        {
            int label = labels[j] = rng.NextInt(3), at = 1 + rng.NextInt(6);
            for (int i = 0; i < 64; i++) x[i, j] = T.CreateChecked(0.1 * rng.NextDouble());
            for (int t = 0; t < 8; t++)
            {
                int row = label switch { 0 => at, 1 => t, _ => t }, col = label switch { 0 => t, 1 => at, _ => t };
                x[row * 8 + col, j] = T.One;
            }
        }
        return DataSource.FromMatrix(x, labels, 3);
    }

    public static Sequential<T> Cnn<T>(Rng rng) where T : struct, System.Numerics.IFloatingPointIeee754<T> => new(
        new Convolutional<T>((1, 8, 8), 3, 4, rng: rng),
        new MaxPooling<T>((4, 6, 6)),
        new ReLU<T>(),
        new Flatten<T>((4, 3, 3)),
        new Dense<T>(36, 3, Init.GlorotUniform, rng));
}
