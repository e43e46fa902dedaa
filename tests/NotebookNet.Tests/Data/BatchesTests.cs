using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Tests.Data;

public class BatchesTests
{
    private static MnistSet Tiny()
    {
        var pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 20);
        return new MnistSet(new MnistImages(3, 2, 2, pixels), [7, 0, 9]);
    }

    [Fact]
    public void Images_become_columns_scaled_by_255_and_labels_one_hot()
    {
        var set = Tiny();
        var x = Batches.Images<float>(set.Images, 1, 2);
        Assert.Equal(4, x.RowCount);
        Assert.Equal(2, x.ColumnCount);
        Assert.Equal(80f / 255f, x[0, 0]);
        Assert.Equal(220f / 255f, x[3, 1]);
        var y = Batches.OneHot<double>(set.Labels, 0, 3);
        Assert.Equal(1.0, y[7, 0]);
        Assert.Equal(1.0, y[9, 2]);
        Assert.Equal(3.0, y.Enumerate().Sum());
        Assert.Throws<ArgumentOutOfRangeException>(() => Batches.Images<float>(set.Images, 2, 2));
    }

    [Fact]
    public void Every_byte_value_scales_to_the_float_the_tutorial_computes_in_vectors_and_in_the_tail()
    {
        // Images of 17x17 = 289 pixels: 36 whole vectors of 8 and a tail of 1; two images hold every byte value.
        var pixels = new byte[2 * 289];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 + i / 256);
        Assert.Equal(256, pixels.Distinct().Count());
        var images = new MnistImages(2, 17, 17, pixels);
        var x = new float[2 * 289];
        Batches.Images<float>(images, [1, 0], x);
        for (int j = 0; j < 2; j++)
            for (int i = 0; i < 289; i++)
            {
                // astype("float32") / 255, as the tutorial's NumPy code scales them.
                float expected = pixels[(1 - j) * 289 + i] / 255f;
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(x[j * 289 + i]));
            }
    }

    [Fact]
    public void An_MNIST_source_gathers_shuffled_indices()
    {
        var source = DataSource.FromMnist<double>(Tiny());
        Assert.Equal((3, 4, 10), (source.Count, source.Features, source.Classes));
        var buffer = new double[8];
        source.Gather([2, 0], buffer);
        Assert.Equal(160 / 255f, buffer[0], 1e-7);
        Assert.Equal(0, buffer[4]);
        Assert.Equal(9, source.Label(2));
    }
}

public class ShiftedSourceTests
{
    [Fact]
    public void Shifted_images_are_translations_within_the_limit_and_follow_the_seed()
    {
        var x = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2 * 5 * 6, 3, (i, j) => 1 + i + 100 * j);
        var source = DataSource.FromMatrix(x, [0, 1, 2], 3);
        var a = new double[180];
        var b = new double[180];
        DataSource.Shifted(source, (2, 5, 6), 2, new Rng(4)).Gather([0, 1, 2], a);
        DataSource.Shifted(source, (2, 5, 6), 2, new Rng(4)).Gather([0, 1, 2], b);
        Assert.Equal(a, b);
        for (int j = 0; j < 3; j++)
        {
            // Find the shift from one surviving pixel, then check every pixel against it.
            bool found = false;
            for (int dy = -2; dy <= 2 && !found; dy++)
                for (int dx = -2; dx <= 2 && !found; dx++)
                {
                    bool all = true;
                    for (int c = 0; c < 2 && all; c++)
                        for (int y = 0; y < 5 && all; y++)
                            for (int xx = 0; xx < 6 && all; xx++)
                            {
                                int sy = y - dy, sx = xx - dx;
                                double expected = sy is >= 0 and < 5 && sx is >= 0 and < 6 ? x[(c * 5 + sy) * 6 + sx, j] : 0;
                                all = a[j * 60 + (c * 5 + y) * 6 + xx] == expected;
                            }
                    found = all;
                }
            Assert.True(found, $"sample {j} is not a shift of at most 2 pixels");
        }
        Assert.Throws<ArgumentException>(() => DataSource.Shifted(source, (1, 5, 6), 1, new Rng(0)));
    }
}
