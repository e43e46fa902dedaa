using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Tensors;

namespace NotebookNet.Training;

/// <summary>Ready-made <see cref="IDataSource{T}"/>s: MNIST sets, in-memory matrices, and subsets of either.</summary>
public static class DataSource
{
    /// <summary>An MNIST set: pixels scaled to [0, 1] as each batch is gathered; 10 classes.</summary>
    public static IDataSource<T> FromMnist<T>(MnistSet set) where T : struct, IFloatingPointIeee754<T> => new Mnist<T>(set);

    /// <summary>Samples as the columns of <paramref name="x"/>, with their class indices.</summary>
    public static IDataSource<T> FromMatrix<T>(Matrix<T> x, IReadOnlyList<int> labels, int classes)
        where T : struct, IFloatingPointIeee754<T> => new InMemory<T>(x, labels, classes);

    /// <summary>
    /// Data augmentation: every time a sample is gathered, its image (<paramref name="imageShape"/>, CHW) is moved
    /// by a random whole number of pixels, up to <paramref name="maxShift"/> in each direction, with zeros filling
    /// the uncovered border. A network then sees a slightly different digit every epoch. The shifts come from
    /// <paramref name="rng"/>, so a seeded run repeats exactly. Use it for training only.
    /// </summary>
    public static IDataSource<T> Shifted<T>(IDataSource<T> source, (int Depth, int Height, int Width) imageShape, int maxShift, Rng rng)
        where T : struct, IFloatingPointIeee754<T> => new ShiftedSource<T>(source, imageShape, maxShift, rng);

    /// <summary>The samples of <paramref name="source"/> at <paramref name="indices"/>, in that order.</summary>
    public static IDataSource<T> Subset<T>(IDataSource<T> source, IReadOnlyList<int> indices)
        where T : struct, IFloatingPointIeee754<T> => new SubsetSource<T>(source, indices);

    private sealed class Mnist<T> : IDataSource<T> where T : struct, IFloatingPointIeee754<T>
    {
        private readonly MnistSet _set;

        public Mnist(MnistSet set)
        {
            if (set.Images.Count != set.Labels.Length)
                throw new ArgumentException($"The MNIST set has {set.Images.Count} images but {set.Labels.Length} labels.");
            _set = set;
        }

        public int Count => _set.Count;
        public int Features => _set.Images.Height * _set.Images.Width;
        public int Classes => 10;
        public int Label(int index) => _set.Labels[index];
        public void Gather(ReadOnlySpan<int> indices, Span<T> destination) => Batches.Images(_set.Images, indices, destination);
    }

    private sealed class InMemory<T> : IDataSource<T> where T : struct, IFloatingPointIeee754<T>
    {
        private readonly T[] _x;
        private readonly int[] _labels;

        public InMemory(Matrix<T> x, IReadOnlyList<int> labels, int classes)
        {
            if (labels.Count != x.ColumnCount)
                throw new ArgumentException($"DataSource: {x.ColumnCount} samples (columns) but {labels.Count} labels.");
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
            for (int i = 0; i < labels.Count; i++)
                if ((uint)labels[i] >= (uint)classes)
                    throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"DataSource: label {i} is {labels[i]}, outside [0, {classes}).");
            (_x, _labels, Features, Classes) = (MatrixData.Of(x), [.. labels], x.RowCount, classes);
        }

        public int Count => _labels.Length;
        public int Features { get; }
        public int Classes { get; }
        public int Label(int index) => _labels[index];

        public void Gather(ReadOnlySpan<int> indices, Span<T> destination)
        {
            for (int j = 0; j < indices.Length; j++)
                _x.AsSpan(indices[j] * Features, Features).CopyTo(destination.Slice(j * Features, Features));
        }
    }

    private sealed class SubsetSource<T>(IDataSource<T> source, IReadOnlyList<int> indices) : IDataSource<T>
        where T : struct, IFloatingPointIeee754<T>
    {
        private readonly int[] _indices = Checked(source, indices);

        public int Count => _indices.Length;
        public int Features => source.Features;
        public int Classes => source.Classes;
        public int Label(int index) => source.Label(_indices[index]);

        public void Gather(ReadOnlySpan<int> indices, Span<T> destination)
        {
            Span<int> mapped = indices.Length <= 1024 ? stackalloc int[indices.Length] : new int[indices.Length];
            for (int i = 0; i < indices.Length; i++) mapped[i] = _indices[indices[i]];
            source.Gather(mapped, destination);
        }

        private static int[] Checked(IDataSource<T> source, IReadOnlyList<int> indices)
        {
            foreach (var i in indices)
                if ((uint)i >= (uint)source.Count)
                    throw new ArgumentOutOfRangeException(nameof(indices), i, $"DataSource: index outside the {source.Count} samples.");
            return [.. indices];
        }
    }

    private sealed class ShiftedSource<T> : IDataSource<T> where T : struct, IFloatingPointIeee754<T>
    {
        private readonly IDataSource<T> _source;
        private readonly (int Depth, int Height, int Width) _shape;
        private readonly int _maxShift;
        private readonly Rng _rng;
        private T[] _buffer = [];

        public ShiftedSource(IDataSource<T> source, (int Depth, int Height, int Width) shape, int maxShift, Rng rng)
        {
            Layers.ImageShape.Validate(shape, "DataSource.Shifted");
            if (Layers.ImageShape.Size(shape) != source.Features)
                throw new ArgumentException(
                    $"DataSource.Shifted: images of {Layers.ImageShape.Format(shape)} have {Layers.ImageShape.Size(shape)} values but the samples have {source.Features}.");
            if (maxShift < 0 || maxShift >= Math.Min(shape.Height, shape.Width))
                throw new ArgumentOutOfRangeException(nameof(maxShift), maxShift, "DataSource.Shifted: the shift must be in [0, image size).");
            (_source, _shape, _maxShift, _rng) = (source, shape, maxShift, rng ?? throw new ArgumentNullException(nameof(rng)));
        }

        public int Count => _source.Count;
        public int Features => _source.Features;
        public int Classes => _source.Classes;
        public int Label(int index) => _source.Label(index);

        public void Gather(ReadOnlySpan<int> indices, Span<T> destination)
        {
            int size = Features;
            if (_buffer.Length < indices.Length * size) _buffer = new T[indices.Length * size];
            _source.Gather(indices, _buffer);
            var (depth, h, w) = _shape;
            int span = 2 * _maxShift + 1;
            for (int j = 0; j < indices.Length; j++)
            {
                int dy = _rng.NextInt(span) - _maxShift, dx = _rng.NextInt(span) - _maxShift;
                var src = _buffer.AsSpan(j * size, size);
                var dst = destination.Slice(j * size, size);
                dst.Clear();
                // Output pixel (y, x) takes input (y − dy, x − dx) where that lies inside the image.
                int x0 = Math.Max(0, dx), x1 = Math.Min(w, w + dx);
                for (int c = 0; c < depth; c++)
                    for (int y = Math.Max(0, dy); y < Math.Min(h, h + dy); y++)
                        src.Slice((c * h + y - dy) * w + x0 - dx, x1 - x0).CopyTo(dst.Slice((c * h + y) * w + x0, x1 - x0));
            }
        }
    }
}
