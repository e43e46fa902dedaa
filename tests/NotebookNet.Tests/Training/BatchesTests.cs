using NotebookNet.Data;
using NotebookNet.Training;

namespace NotebookNet.Tests.Training;

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
