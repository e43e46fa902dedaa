using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace NotebookNet.Layers;

/// <summary>How a layer draws its initial weights.</summary>
public enum Init
{
    /// <summary>N(0, 1), the tutorial's <c>np.random.randn</c>. Large for wide layers: it saturates Tanh.</summary>
    StandardNormal,

    /// <summary>N(0, 2/fanIn) (He et al.), the usual choice before ReLU.</summary>
    HeNormal,

    /// <summary>U(±√(6/(fanIn+fanOut))) (Glorot and Bengio), the usual choice before Tanh or Sigmoid.</summary>
    GlorotUniform,

    /// <summary>All zeros, the usual choice for biases.</summary>
    Zeros,
}

/// <summary>Fills weight matrices; the draws are in NumPy's C order (row by row) so seeds match the tutorial's.</summary>
public static class Initializer
{
    public static Matrix<T> Create<T>(int rows, int columns, Init init, int fanIn, int fanOut, Rng rng)
        where T : struct, IFloatingPointIeee754<T>
    {
        var m = Matrix<T>.Build.Dense(rows, columns);
        if (init == Init.Zeros) return m;
        double scale = init switch
        {
            Init.HeNormal => Math.Sqrt(2.0 / fanIn),
            Init.GlorotUniform => Math.Sqrt(6.0 / (fanIn + fanOut)),
            _ => 1.0,
        };
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double v = init == Init.GlorotUniform ? (2 * rng.NextDouble() - 1) * scale : rng.NextGaussian() * scale;
                m[i, j] = T.CreateChecked(v);
            }
        return m;
    }
}
