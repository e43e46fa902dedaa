using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Interactive.Imaging;

namespace NotebookNet.Interactive;

/// <summary>Pictures of MNIST digits: one, or a grid with predictions and true labels.</summary>
public static class Digits
{
    /// <summary>Image <paramref name="index"/> as an inline PNG, each pixel <paramref name="scale"/>×<paramref name="scale"/>
    /// (white ink on black, as the data is).</summary>
    public static DigitImage Image(MnistImages images, int index, int scale = 3)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new DigitImage(Raster(images, index).Scale(scale), $"imagen {index}");
    }

    /// <summary>A preprocessed column (the tutorial's 784×1, values in [0, 1]) as an inline PNG.</summary>
    public static DigitImage Image(Matrix<double> column, int scale = 3) =>
        new(Raster(column, "column").Scale(scale), "imagen");

    /// <summary>
    /// Images <paramref name="indices"/> in a grid of <paramref name="columns"/> columns. <paramref name="predicted"/> and
    /// <paramref name="truth"/> hold labels either parallel to <paramref name="indices"/> (same count) or for every image
    /// (indexed by image index); a cell whose prediction differs from the truth is marked in red with ✗.
    /// </summary>
    public static DigitGrid Grid(MnistImages images, IReadOnlyList<int> indices,
        IReadOnlyList<int>? predicted = null, IReadOnlyList<int>? truth = null, int columns = 10, int scale = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Build(indices, predicted, truth, columns, scale, images.Count, i => Raster(images, i));
    }

    /// <summary>As <see cref="Grid(MnistImages, IReadOnlyList{int}, IReadOnlyList{int}?, IReadOnlyList{int}?, int, int)"/>,
    /// with the set's own labels as the truth.</summary>
    public static DigitGrid Grid(MnistSet set, IReadOnlyList<int> indices,
        IReadOnlyList<int>? predicted = null, int columns = 10, int scale = 2)
    {
        ArgumentNullException.ThrowIfNull(set);
        return Grid(set.Images, indices, predicted, Array.ConvertAll(set.Labels, b => (int)b), columns, scale);
    }

    /// <summary>As the <see cref="MnistImages"/> grid, for the tutorial's preprocessed columns (784×1, values in [0, 1]).</summary>
    public static DigitGrid Grid(IReadOnlyList<Matrix<double>> images, IReadOnlyList<int> indices,
        IReadOnlyList<int>? predicted = null, IReadOnlyList<int>? truth = null, int columns = 10, int scale = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Build(indices, predicted, truth, columns, scale, images.Count, i => Raster(images[i], $"images[{i}]"));
    }

    /// <summary>
    /// The first <paramref name="count"/> of <paramref name="errors"/> (e.g. an evaluation's misclassified samples, most
    /// confident first), each with the prediction, the probability the network gave it and the true label, under a
    /// title that says what the grid shows.
    /// </summary>
    public static DigitGrid Misclassified(MnistSet set, IEnumerable<Misclassification> errors, int count = 24, int columns = 12,
        int scale = 2)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var shown = errors.Take(count).ToArray();
        var grid = Build(shown.Select(e => e.Index).ToArray(), shown.Select(e => e.Predicted).ToArray(),
            shown.Select(e => e.True).ToArray(), columns, scale, set.Count, i => Raster(set.Images, i));
        var cells = grid.Cells.Select((c, k) => c with { Confidence = shown[k].Confidence }).ToArray();
        string title = shown.Length == 0
            ? "Ningún error que mostrar."
            : $"{Markup.Number(shown.Length)} errores, ordenados de mayor a menor confianza: predicción, confianza que la red le dio " +
              "y etiqueta real.";
        return new DigitGrid(cells, grid.Columns, title);
    }

    /// <summary>
    /// The first <paramref name="perDigit"/> examples of each digit in <paramref name="set"/>, one row per digit 0–9, as
    /// one picture (the README's img/mnist-examples.png). <paramref name="inkOnWhite"/> draws dark digits on white
    /// paper, like the classic MNIST sample sheet; otherwise the data's own white-on-black.
    /// </summary>
    public static DigitImage Examples(MnistSet set, int perDigit = 10, int scale = 2, bool inkOnWhite = true)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perDigit);
        const int pad = 2;
        var images = set.Images;
        int cellW = images.Width + 2 * pad, cellH = images.Height + 2 * pad;
        var sheet = new Raster(perDigit * cellW, 10 * cellH, PngColor.Gray, background: inkOnWhite ? (byte)255 : (byte)0);
        var found = new int[10];
        for (int i = 0; i < set.Count && found.Any(f => f < perDigit); i++)
        {
            int digit = set.Labels[i];
            if (digit > 9 || found[digit] >= perDigit) continue;
            var picture = Raster(images, i);
            sheet.Paste(inkOnWhite ? picture.Invert() : picture, found[digit] * cellW + pad, digit * cellH + pad);
            found[digit]++;
        }
        int missing = Array.FindIndex(found, f => f < perDigit);
        if (missing >= 0)
            throw new ArgumentException($"The set has only {found[missing]} examples of digit {missing}; {perDigit} were asked for.", nameof(set));
        return new DigitImage(sheet.Scale(scale), $"{perDigit} ejemplos de cada dígito");
    }

    private static DigitGrid Build(IReadOnlyList<int> indices, IReadOnlyList<int>? predicted, IReadOnlyList<int>? truth,
        int columns, int scale, int count, Func<int, Raster> picture)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var cells = new List<DigitGrid.Cell>(indices.Count);
        for (int k = 0; k < indices.Count; k++)
        {
            int index = indices[k];
            if ((uint)index >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"indices[{k}] = {index}, but there are {count} images.");
            var image = new DigitImage(picture(index).Scale(scale), $"imagen {index}");
            cells.Add(new(index, image, Label(predicted, nameof(predicted), k, index, indices.Count),
                Label(truth, nameof(truth), k, index, indices.Count)));
        }
        return new DigitGrid(cells, Math.Min(columns, Math.Max(1, cells.Count)));
    }

    private static int? Label(IReadOnlyList<int>? labels, string name, int position, int index, int shown)
    {
        if (labels is null) return null;
        if (labels.Count == shown) return labels[position];
        if (index < labels.Count) return labels[index];
        throw new ArgumentException(
            $"{name} has {labels.Count} labels: give one per shown digit ({shown}) or one per image (more than {index}).", name);
    }

    internal static Raster Raster(MnistImages images, int index) =>
        new(images.Width, images.Height, PngColor.Gray, images[index].ToArray());

    internal static Raster Raster(Matrix<double> column, string what)
    {
        ArgumentNullException.ThrowIfNull(column);
        int side = (int)Math.Round(Math.Sqrt(column.RowCount));
        if (column.ColumnCount != 1 || side * side != column.RowCount)
            throw new ArgumentException(
                $"{what} is {column.RowCount}×{column.ColumnCount}; a digit is a square image as one column, e.g. 784×1.");
        var pixels = new byte[column.RowCount];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)Math.Round(Math.Clamp(column[i, 0], 0, 1) * 255);
        return new Raster(side, side, PngColor.Gray, pixels);
    }
}
