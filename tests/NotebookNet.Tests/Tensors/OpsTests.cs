using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Tensors;

namespace NotebookNet.Tests.Tensors;

public class OpsTests
{
    private static Matrix<double> M(double[,] values) => Matrix<double>.Build.DenseOfArray(values);

    private static readonly Matrix<double> A = M(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } });   // 2x3
    private static readonly Matrix<double> B = M(new[,] { { 1.0, -1.0 }, { 0.0, 2.0 }, { 0.5, 1.0 } }); // 3x2

    [Fact]
    public void Affine_is_W_times_X_plus_b_in_every_column()
    {
        var y = Matrix<double>.Build.Dense(2, 2, double.NaN); // stale contents are overwritten
        Ops.Affine(A, B, M(new[,] { { 10.0 }, { -10.0 } }), into: y);
        Assert.Equal(new[,] { { 12.5, 16.0 }, { -3.0, 2.0 } }, y.ToArray());
    }

    [Fact]
    public void The_transposed_products_match_MathNet_and_accumulate_on_request()
    {
        var g = M(new[,] { { 1.0, 0.0 }, { 2.0, 1.0 } });
        var ta = Matrix<double>.Build.Dense(3, 2, double.NaN);
        Ops.MatMulTransposedA(A, g, ta);
        Assert.Equal((A.Transpose() * g).ToArray(), ta.ToArray());
        Ops.MatMulTransposedA(A, g, ta, scale: 2.0, accumulate: true);
        Assert.Equal((3 * (A.Transpose() * g)).ToArray(), ta.ToArray());

        var tb = Matrix<double>.Build.Dense(2, 2, double.NaN);
        Ops.MatMulTransposedB(A, B.Transpose(), tb);
        Assert.Equal((A * B).ToArray(), tb.ToArray());
        Ops.MatMulTransposedB(A, B.Transpose(), tb, scale: -1.0, accumulate: true);
        Assert.Equal(new double[2, 2], tb.ToArray());
    }

    [Fact]
    public void Shape_errors_name_the_shapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMulTransposedB(A, B, Matrix<double>.Build.Dense(2, 3)));
        Assert.Contains("2x3 by 3x2ᵀ into 2x3", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Ops.Affine(A, B, M(new[,] { { 1.0 }, { 2.0 }, { 3.0 } }), Matrix<double>.Build.Dense(2, 2)));
        Assert.Contains("bias b is 3x1, expected 2x1", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Ops.SumColumns(A, Matrix<double>.Build.Dense(3, 1)));
        Assert.Contains("is 3x1, expected 2x1", ex.Message);
    }

    [Fact]
    public void SumColumns_is_A_times_ones_scaled_and_accumulated()
    {
        var s = M(new[,] { { 100.0 }, { 200.0 } });
        Ops.SumColumns(A, s);
        Assert.Equal(new[,] { { 6.0 }, { 15.0 } }, s.ToArray());
        Ops.SumColumns(A, s, scale: -0.5, accumulate: true);
        Assert.Equal(new[,] { { 3.0 }, { 7.5 } }, s.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void MatMulTransposedAThenUpdate_reads_A_before_the_update(int n)
    {
        var rng = new Rng(5);
        var a = GradientCheck.Random(3, 5, rng);
        var g = GradientCheck.Random(3, n, rng);
        var x = GradientCheck.Random(5, n, rng);
        var expectedInto = a.Transpose() * g;
        var expectedA = a - 0.1 * g * x.Transpose();
        var into = Matrix<double>.Build.Dense(5, n);
        Ops.MatMulTransposedAThenUpdate(a, g, x, -0.1, into);
        Assert.True((into - expectedInto).Enumerate().All(v => Math.Abs(v) < 1e-12));
        Assert.True((a - expectedA).Enumerate().All(v => Math.Abs(v) < 1e-12));
    }

    [Fact]
    public void Softmax_columns_sum_to_one_survive_large_logits_and_show_NaN()
    {
        var z = M(new[,] { { 0.0, 1000.0, double.NaN }, { Math.Log(3), 1000.0, 0.0 } });
        var p = Matrix<double>.Build.Dense(2, 3);
        Ops.SoftmaxColumns(z, p);
        Assert.Equal(0.25, p[0, 0], 15);
        Assert.Equal(0.75, p[1, 0], 15);
        Assert.Equal(0.5, p[0, 1], 15);
        Assert.Equal(0.5, p[1, 1], 15);
        Assert.True(double.IsNaN(p[0, 2]) && double.IsNaN(p[1, 2]));
    }

    [Fact]
    public void ArgMax_takes_the_first_of_ties_like_numpy()
    {
        Assert.Equal(1, Ops.ArgMax<double>([0.0, 3.0, 3.0, -1.0]));
        Assert.Equal([2, 0], Ops.ArgMaxColumns(M(new[,] { { 0.0, 5.0 }, { 1.0, 5.0 }, { 2.0, 4.0 } })));
    }
}
