using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Training;

namespace NotebookNet.Tests;

public class ModelCatalogTests
{
    [Fact]
    public void Every_recipe_builds_a_network_from_digits_to_ten_logits()
    {
        var x = Matrix<float>.Build.Dense(784, 3, (i, j) => (i + j) % 7 / 7f);
        foreach (var recipe in ModelCatalog.All)
        {
            var model = recipe.Build(new Rng(0)).Eval();
            var logits = model.Forward(x);
            Assert.Equal((10, 3), (logits.RowCount, logits.ColumnCount));
            Assert.All(logits.Enumerate(), v => Assert.True(float.IsFinite(v), recipe.Id));
            Assert.True(recipe.Epochs >= 1 && recipe.BatchSize >= 1, recipe.Id);
        }
    }

    [Fact]
    public void The_issue_s_short_name_cnn_is_the_small_CNN_and_unknown_names_list_the_known_ones()
    {
        Assert.Same(ModelCatalog.Get("small-cnn"), ModelCatalog.Get("cnn"));
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Get("resnet"));
        Assert.Contains("'resnet'", ex.Message);
        Assert.All(ModelCatalog.All, r => Assert.Contains(r.Id, ex.Message));
    }

    [Fact]
    public void The_reference_recipe_shifts_its_digits_and_trains_seven_epochs_of_64()
    {
        var recipe = ModelCatalog.Get("reference");
        Assert.Equal(new ShiftAugmentation((1, 28, 28), 2), recipe.Shift);
        Assert.Equal((7, 64), (recipe.Epochs, recipe.BatchSize));
        Assert.Equal(1e-3 * 0.7, recipe.Schedule!(2, 1e-3), 1e-15);
        Assert.Null(ModelCatalog.Get("small-cnn").Shift);
    }
}
