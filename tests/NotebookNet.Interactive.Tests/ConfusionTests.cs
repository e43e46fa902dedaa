using System.Text.RegularExpressions;
using NotebookNet.Evaluation;

namespace NotebookNet.Interactive.Tests;

public class ConfusionTests
{
    [Fact]
    public void Table_shows_every_count_row_totals_and_accuracy()
    {
        using var _ = Culture.Spanish();
        int[,] m = { { 50, 2, 0 }, { 3, 40, 5 }, { 0, 0, 100 } };
        var view = Views.Confusion(m, ["gato", "perro", "pez"]);
        string html = view.ToHtml();

        foreach (int count in m) Assert.Contains($">{count}</td>", html);
        Assert.Contains(">52</td>", html);  // row totals
        Assert.Contains(">48</td>", html);
        Assert.Contains("exactitud 95.00 % de 200", html);
        Assert.Contains("83.33 %", html);   // recall of "perro": 40/48
        Assert.Equal(3, Regex.Count(html, "outline:2px solid #2e7d32")); // the diagonal, and only it
        Assert.Contains(">perro</th>", html);
        Assert.Equal(0.95, view.Accuracy, 12);
    }

    [Fact]
    public void A_confusion_matrix_from_label_pairs_shows_its_counts()
    {
        var view = Views.Confusion(ConfusionMatrix.From([0, 1, 1, 2], [0, 2, 1, 2], classes: 3));
        Assert.Equal(new int[,] { { 1, 0, 0 }, { 0, 1, 1 }, { 0, 0, 1 } }, view.Matrix);
        Assert.Equal(0.75, view.Accuracy, 12);
    }

    [Fact]
    public void Default_labels_are_digits_and_shapes_are_checked()
    {
        var html = Views.Confusion(new int[10, 10]).ToHtml();
        Assert.Contains(">9</th>", html);
        Assert.Throws<ArgumentException>(() => Views.Confusion(new int[2, 3]));
        Assert.Throws<ArgumentException>(() => Views.Confusion(new int[2, 2], ["a"]));
    }
}
