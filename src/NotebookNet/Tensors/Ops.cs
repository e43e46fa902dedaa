using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Kernels;

namespace NotebookNet.Tensors;

/// <summary>
/// The matrix operations the layers are written in, so that a layer reads as its equations
/// (<c>Ops.Affine(W, X, b, into: Y)</c> is <c>Y = W·X + b</c>). Every matrix is dense and column-major, one sample
/// per column; results go <c>into</c> a matrix the caller owns (no matrix is allocated here), and shapes are checked
/// with a message that names them. The speed lives underneath, in <see cref="Blas"/>.
/// </summary>
internal static class Ops
{
    /// <summary>
    /// <c>into = W·X + b·1ᵀ</c>: <paramref name="b"/> (rows × 1) is added to every column. The bias is written first and
    /// the product accumulated onto it, the order the tutorial's per-sample numbers depend on.
    /// </summary>
    public static void Affine<T>(Matrix<T> w, Matrix<T> x, Matrix<T> b, Matrix<T> into) where T : struct, IFloatingPointIeee754<T>
    {
        RequireShape(b, w.RowCount, 1, "Affine: the bias b");
        RequireShape(into, w.RowCount, x.ColumnCount, "Affine: the result");
        var y = Elements(into);
        var bias = Elements(b);
        for (int j = 0; j < x.ColumnCount; j++) bias.CopyTo(y.Slice(j * b.RowCount, b.RowCount));
        Product(false, w, false, x, into, T.One, accumulate: true);
    }

    /// <summary><c>into = scale·Aᵀ·B</c>, or <c>into += scale·Aᵀ·B</c> when <paramref name="accumulate"/>.</summary>
    public static void MatMulTransposedA<T>(Matrix<T> a, Matrix<T> b, Matrix<T> into, T? scale = null, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T> =>
        Product(true, a, false, b, into, scale ?? T.One, accumulate);

    /// <summary><c>into = scale·A·Bᵀ</c>, or <c>into += scale·A·Bᵀ</c> when <paramref name="accumulate"/>.</summary>
    public static void MatMulTransposedB<T>(Matrix<T> a, Matrix<T> b, Matrix<T> into, T? scale = null, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T> =>
        Product(false, a, true, b, into, scale ?? T.One, accumulate);

    /// <summary>
    /// <c>into = Aᵀ·G</c>, then <c>A += scale·G·Xᵀ</c>, with A read before it changes: a dense layer's backward pass
    /// and plain SGD step. For one column (the tutorial's per-sample step) both happen in one sweep over A.
    /// </summary>
    public static void MatMulTransposedAThenUpdate<T>(Matrix<T> a, Matrix<T> g, Matrix<T> x, T scale, Matrix<T> into)
        where T : struct, IFloatingPointIeee754<T>
    {
        RequireShape(g, a.RowCount, x.ColumnCount, "MatMulTransposedAThenUpdate: G");
        RequireShape(x, a.ColumnCount, g.ColumnCount, "MatMulTransposedAThenUpdate: X");
        RequireShape(into, a.ColumnCount, g.ColumnCount, "MatMulTransposedAThenUpdate: the result");
        if (g.ColumnCount == 1)
        {
            Blas.GemvTransposedThenGer(a.RowCount, a.ColumnCount, scale, Elements(a), a.RowCount, Elements(g), Elements(x), Elements(into));
            return;
        }
        MatMulTransposedA(a, g, into);
        MatMulTransposedB(g, x, into: a, scale, accumulate: true);
    }

    /// <summary>
    /// <c>W += scale·G·Xᵀ</c>, then <c>into = W·X′ + b</c> with W as updated: a dense layer's SGD step on one sample
    /// (G, X single columns) and its forward pass on the next, X′, in one sweep over W. The same numbers as
    /// <see cref="MatMulTransposedB{T}"/> (accumulating) then <see cref="Affine{T}"/>.
    /// </summary>
    public static void AddOuterThenAffine<T>(Matrix<T> w, Matrix<T> g, Matrix<T> x, T scale, Matrix<T> next, Matrix<T> b, Matrix<T> into)
        where T : struct, IFloatingPointIeee754<T>
    {
        RequireShape(g, w.RowCount, 1, "AddOuterThenAffine: G");
        RequireShape(x, w.ColumnCount, 1, "AddOuterThenAffine: X");
        RequireShape(next, w.ColumnCount, 1, "AddOuterThenAffine: the next input X′");
        RequireShape(b, w.RowCount, 1, "AddOuterThenAffine: the bias b");
        RequireShape(into, w.RowCount, 1, "AddOuterThenAffine: the result");
        var y = Elements(into);
        Elements(b).CopyTo(y);
        Blas.GerThenGemv(w.RowCount, w.ColumnCount, scale, Elements(g), Elements(x), Elements(w), w.RowCount, Elements(next), y);
    }

    /// <summary><c>into = scale·A·1</c> (the sum of the columns), or <c>into += scale·A·1</c> when <paramref name="accumulate"/>.</summary>
    public static void SumColumns<T>(Matrix<T> a, Matrix<T> into, T? scale = null, bool accumulate = false)
        where T : struct, IFloatingPointIeee754<T>
    {
        RequireShape(into, a.RowCount, 1, "SumColumns: the result");
        T s = scale ?? T.One;
        int rows = a.RowCount;
        var m = Elements(a);
        var y = Elements(into);
        for (int i = 0; i < rows; i++)
        {
            T sum = T.Zero;
            for (int j = 0; j < a.ColumnCount; j++) sum += m[j * rows + i];
            y[i] = accumulate ? y[i] + s * sum : s * sum;
        }
    }

    /// <summary>
    /// <c>into = exp(z − max) / Σ exp(z − max)</c> for each column: the softmax, with the column maximum subtracted so
    /// large logits do not overflow; times <paramref name="scale"/> when given (a loss's <c>1/N</c>, folded into the
    /// one division). A column holding NaN comes out all NaN, so a diverged network shows as NaN.
    /// </summary>
    public static void SoftmaxColumns<T>(Matrix<T> z, Matrix<T> into, T? scale = null) where T : struct, IFloatingPointIeee754<T>
    {
        RequireShape(into, z.RowCount, z.ColumnCount, "SoftmaxColumns: the result");
        for (int j = 0; j < z.ColumnCount; j++)
        {
            var zj = Column(z, j);
            var pj = Column(into, j);
            T max = Max<T>(zj), sum = T.Zero;
            for (int i = 0; i < zj.Length; i++) sum += pj[i] = T.Exp(zj[i] - max);
            if (scale is T s)
            {
                T factor = s / sum;
                for (int i = 0; i < zj.Length; i++) pj[i] *= factor;
            }
            else
                for (int i = 0; i < zj.Length; i++) pj[i] /= sum;
        }
    }

    /// <summary>The largest element of <paramref name="values"/>; NaN wins, so a diverged network yields NaN.</summary>
    public static T Max<T>(ReadOnlySpan<T> values) where T : struct, IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        foreach (var v in values)
            if (v > max || T.IsNaN(v)) max = v;
        return max;
    }

    /// <summary>The index of the largest element (the first one on ties, as NumPy's <c>argmax</c>).</summary>
    public static int ArgMax<T>(ReadOnlySpan<T> values) where T : struct, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>The <see cref="ArgMax{T}(ReadOnlySpan{T})"/> of every column.</summary>
    public static int[] ArgMaxColumns<T>(Matrix<T> m) where T : struct, IFloatingPointIeee754<T>
    {
        var result = new int[m.ColumnCount];
        for (int j = 0; j < result.Length; j++) result[j] = ArgMax<T>(Column(m, j));
        return result;
    }

    /// <summary>Σ xᵢ·yᵢ.</summary>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y) where T : struct, IFloatingPointIeee754<T>
    {
        if (x.Length != y.Length) throw new ArgumentException($"Dot: lengths {x.Length} and {y.Length} differ.");
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }

    /// <summary>Column <paramref name="j"/> of <paramref name="m"/>, in place.</summary>
    public static Span<T> Column<T>(Matrix<T> m, int j) where T : struct, IFloatingPointIeee754<T>
    {
        if ((uint)j >= (uint)m.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(j), j, $"Column: the matrix has {m.ColumnCount} columns.");
        return MatrixData.Of(m).AsSpan(j * m.RowCount, m.RowCount);
    }

    /// <summary>Every element of <paramref name="m"/>, column after column, in place.</summary>
    public static Span<T> Elements<T>(Matrix<T> m) where T : struct, IFloatingPointIeee754<T> => MatrixData.Of(m);

    private static void Product<T>(bool transA, Matrix<T> a, bool transB, Matrix<T> b, Matrix<T> into, T scale, bool accumulate)
        where T : struct, IFloatingPointIeee754<T>
    {
        int m = transA ? a.ColumnCount : a.RowCount, k = transA ? a.RowCount : a.ColumnCount;
        int kb = transB ? b.ColumnCount : b.RowCount, n = transB ? b.RowCount : b.ColumnCount;
        if (k != kb || into.RowCount != m || into.ColumnCount != n)
            throw new ArgumentException(
                $"Ops: cannot multiply {Shape(a)}{(transA ? "ᵀ" : "")} by {Shape(b)}{(transB ? "ᵀ" : "")} into {Shape(into)}.");
        Blas.Gemm(transA, transB, m, n, k, scale, Elements(a), a.RowCount, Elements(b), b.RowCount,
            accumulate ? T.One : T.Zero, Elements(into), into.RowCount);
    }

    private static void RequireShape<T>(Matrix<T> m, int rows, int columns, string what) where T : struct, IFloatingPointIeee754<T>
    {
        if (m.RowCount != rows || m.ColumnCount != columns)
            throw new ArgumentException($"Ops: {what} is {Shape(m)}, expected {rows}x{columns}.");
    }

    private static string Shape<T>(Matrix<T> m) where T : struct, IFloatingPointIeee754<T> => $"{m.RowCount}x{m.ColumnCount}";
}
