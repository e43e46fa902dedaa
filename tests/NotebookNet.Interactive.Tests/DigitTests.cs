using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;

namespace NotebookNet.Interactive.Tests;

public partial class DigitTests
{
    /// <summary>Twenty 28×28 "digits"; image i has pixel p = (i + p) mod 256, so every picture is distinct.</summary>
    private static MnistImages Images(int count = 20)
    {
        var pixels = new byte[count * 28 * 28];
        for (int i = 0; i < count; i++)
            for (int p = 0; p < 784; p++) pixels[i * 784 + p] = (byte)((i + p) % 256);
        return new MnistImages(count, 28, 28, pixels);
    }

    [GeneratedRegex("src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex DataUri();

    [Fact]
    public void Image_is_an_inline_png_of_the_enlarged_digit()
    {
        var images = Images();
        var digit = Digits.Image(images, 5, scale: 3);
        string html = digit.ToHtml();

        var match = DataUri().Match(html);
        Assert.True(match.Success);
        Assert.Contains("<img ", html);
        var png = PngReader.Read(Convert.FromBase64String(match.Groups[1].Value));
        Assert.Equal((84, 84, 0), (png.Width, png.Height, png.ColorType));
        for (int y = 0; y < 84; y++)
            for (int x = 0; x < 84; x++)
                Assert.Equal(images[5][y / 3 * 28 + x / 3], png.Pixels[y * 84 + x]);
    }

    [Fact]
    public void Grid_shows_every_digit_and_marks_exactly_the_wrong_predictions()
    {
        int[] indices = [3, 1, 4, 15, 9, 2, 6, 5, 0, 7, 8, 10];
        int[] truth = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6];
        int[] predicted = [7, 2, 1, 0, 9, 1, 4, 9, 3, 9, 0, 5]; // wrong at positions 4, 8 and 11
        var grid = Digits.Grid(Images(), indices, predicted, truth, columns: 5);
        string html = grid.ToHtml();

        Assert.Equal(indices.Length, Regex.Count(html, "<img "));
        Assert.Equal(3, grid.WrongCount);
        var cells = Regex.Split(html, $"<div class=\"{DigitGrid.CellClass}(?=[ \"])").Skip(1).ToArray();
        Assert.Equal(indices.Length, cells.Length);
        for (int k = 0; k < cells.Length; k++)
        {
            bool wrong = predicted[k] != truth[k];
            Assert.Contains($"alt=\"imagen {indices[k]}\"", cells[k]);
            Assert.Equal(wrong, cells[k].StartsWith(" " + DigitGrid.WrongClass, StringComparison.Ordinal));
            Assert.Equal(wrong, cells[k].Contains('✗'));
            Assert.Equal(wrong, cells[k].Contains("#d32f2f"));
            Assert.Contains($"predicción {predicted[k]}", cells[k]);
            Assert.Contains($"real {truth[k]}", cells[k]);
        }
        Assert.Contains("9 de 12 aciertos (75.00 %)", html);
        Assert.Contains("max-width:430px", html);   // at most 5 cells of 80 px (and gaps) a row; fewer on a narrow page
    }

    [Fact]
    public void Labels_may_be_given_for_every_image_instead_of_per_shown_digit()
    {
        var truth = Enumerable.Range(0, 20).Select(i => i % 10).ToArray();
        var predicted = truth.ToArray();
        predicted[15] = 0;
        var grid = Digits.Grid(Images(), [15, 2, 3], predicted, truth);
        Assert.Equal([5, 2, 3], grid.Cells.Select(c => c.Truth!.Value));
        Assert.Equal([true, false, false], grid.Cells.Select(c => c.IsWrong));
    }

    [Fact]
    public void Grid_of_a_set_uses_its_labels_as_truth()
    {
        var labels = Enumerable.Range(0, 20).Select(i => (byte)(i % 10)).ToArray();
        var grid = Digits.Grid(new MnistSet(Images(), labels), [0, 1, 2], predicted: [0, 1, 9]);
        Assert.Equal(1, grid.WrongCount);
        Assert.True(grid.Cells[2].IsWrong);
    }

    [Fact]
    public void Grid_accepts_the_tutorials_preprocessed_columns()
    {
        var columns = Enumerable.Range(0, 4)
            .Select(i => Matrix<double>.Build.Dense(784, 1, (r, _) => (i * 50 + r) % 256 / 255.0)).ToList();
        var grid = Digits.Grid(columns, [0, 3], truth: [1, 2]);
        string html = grid.ToHtml();
        Assert.Equal(2, Regex.Count(html, "<img "));
        Assert.Equal(0, grid.WrongCount);
        var png = PngReader.Read(Convert.FromBase64String(DataUri().Match(html).Groups[1].Value));
        Assert.Equal(56, png.Width); // default scale 2
        Assert.Equal(0, png.Pixels[0]);
        Assert.Equal(1, png.Pixels[2]); // column row 1 → value 1/255 → byte 1
    }

    [Fact]
    public void Bad_input_names_the_problem()
    {
        Assert.Contains("20 images", Assert.Throws<ArgumentOutOfRangeException>(() => Digits.Grid(Images(), [20])).Message);
        Assert.Contains("predicted", Assert.Throws<ArgumentException>(() => Digits.Grid(Images(), [1, 2], predicted: [1])).Message);
        var notSquare = new List<Matrix<double>> { Matrix<double>.Build.Dense(10, 1) };
        Assert.Contains("10×1", Assert.Throws<ArgumentException>(() => Digits.Grid(notSquare, [0])).Message);
    }

    [Fact]
    public void Example_sheet_has_one_row_per_digit_in_label_order()
    {
        var labels = Enumerable.Range(0, 20).Select(i => (byte)(9 - i % 10)).ToArray();
        var sheet = Digits.Examples(new MnistSet(Images(), labels), perDigit: 2, scale: 1);
        var png = PngReader.Read(sheet.PngBytes);
        Assert.Equal((2 * 32, 10 * 32), (png.Width, png.Height));
        Assert.Equal(255, png.Pixels[0]); // white paper around the cells
        // Digit 0 (row 0) first appears as image 9, then image 19; ink on white is the inverted data.
        Assert.Equal(255 - Images()[9][0], png.Pixels[2 * png.Width + 2]);
        Assert.Equal(255 - Images()[19][0], png.Pixels[2 * png.Width + 32 + 2]);
        Assert.Equal(255 - Images()[0][0], png.Pixels[(9 * 32 + 2) * png.Width + 2]); // digit 9 is image 0
        Assert.Contains("only 2 examples of digit 0", Assert.Throws<ArgumentException>(() => Digits.Examples(new MnistSet(Images(), labels), perDigit: 3)).Message);
    }
}

public class MisclassifiedGridTests
{
    [Fact]
    public void Misclassified_digits_show_prediction_confidence_and_truth_under_a_title_and_wrap()
    {
        var pixels = new byte[30 * 784];
        var set = new MnistSet(new MnistImages(30, 28, 28, pixels), Enumerable.Range(0, 30).Select(i => (byte)(i % 10)).ToArray());
        var errors = Enumerable.Range(0, 30).Select(i => new NotebookNet.Evaluation.Misclassification(i, i % 10, (i + 1) % 10, 0.99 - i / 100.0));

        var grid = Digits.Misclassified(set, errors, count: 24);
        string html = grid.ToHtml();

        Assert.Equal(24, grid.Cells.Count);
        Assert.Equal(24, grid.WrongCount);
        Assert.Contains("24 errores, ordenados de mayor a menor confianza", html);
        Assert.DoesNotContain("aciertos", html);                       // not "0 de 24 aciertos"
        Assert.Contains("predicción 1<br>confianza 99.00 %<br>real 0", html);
        Assert.Contains("flex-wrap:wrap", html);                       // rows wrap to the page width
        Assert.DoesNotContain("grid-template-columns", html);
    }
}

public class SpanishViewTests
{
    [Fact]
    public void The_model_summary_is_in_spanish_with_every_layer_and_the_total()
    {
        var model = Models.SmallCnn<double>(new Rng(0));
        var view = Views.Summary(model);
        string html = view.ToHtml();
        Assert.Contains("Capa", html);
        Assert.Contains("Parámetros", html);
        Assert.Contains("Total", html);
        Assert.DoesNotContain("Parameters", html);
        Assert.Equal(model.Count, view.Rows.Count);
        Assert.Equal(model.ParameterCount, view.TotalParameters);
        Assert.Equal("16x5x5", view.Rows[5].OutputShape);              // ReLU keeps the pooling's shape
        Assert.Equal("10", view.Rows[^1].OutputShape);
    }

    [Fact]
    public void Epoch_lines_and_the_history_table_are_in_spanish_with_invariant_numbers()
    {
        using var _ = Culture.Spanish();
        var epoch = new NotebookNet.Training.EpochResult(2, 3, 0.06123, 0.981, 0.05, 0.9845, 2.14, 0.05, 25714.3);
        Assert.Equal("época 2/3: error 0.0612, exactitud 98.10 %; validación: error 0.0500, exactitud 98.45 % (2.1 s, 25714 imágenes/s)",
            Views.Epoch(epoch));
    }
}
