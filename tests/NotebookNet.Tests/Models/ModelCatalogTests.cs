using System.Globalization;
using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet.Data;
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
    public void The_reference_recipe_is_what_its_description_the_README_and_the_CLI_say()
    {
        var recipe = ModelCatalog.Get("reference");
        Assert.Equal(new ShiftAugmentation((1, 28, 28), Models.ReferenceShift), recipe.Shift);
        Assert.Equal((Models.ReferenceEpochs, Models.ReferenceBatchSize), (recipe.Epochs, recipe.BatchSize));
        Assert.Equal(Models.ReferenceLearningRate, recipe.Optimizer().LearningRate);
        Assert.Equal(Models.ReferenceLabelSmoothing, recipe.TrainerOptions(new Rng(0)).LabelSmoothing);
        Assert.Null(ModelCatalog.Get("small-cnn").Shift);
        Assert.Equal(0, ModelCatalog.Get("small-cnn").TrainerOptions(new Rng(0)).LabelSmoothing);
        // The line `train` prints and the README quotes names every setting with its value.
        foreach (string part in new[]
                 {
                     $"dropout {Models.ReferenceDropout.ToString(CultureInfo.InvariantCulture)}",
                     $"up to {Models.ReferenceShift} pixels",
                     $"peaking at {Models.ReferenceLearningRate.ToString(CultureInfo.InvariantCulture)}",
                     $"batch {Models.ReferenceBatchSize}",
                     $"{Models.ReferenceEpochs} epochs",
                     $"label smoothing {Models.ReferenceLabelSmoothing.ToString(CultureInfo.InvariantCulture)}",
                     "one-cycle",
                 })
            Assert.Contains(part, recipe.Description);
        string readme = File.ReadAllText(Path.Combine(Mnist.DefaultDirectory(), "..", "..", "README.md"));
        Assert.Contains($"`reference` ({recipe.Description})", Regex.Replace(readme, @"\s+", " ")); // wrapped lines are one line
    }

    [Fact]
    public void A_recipe_s_schedule_fits_the_number_of_epochs_a_run_asks_for()
    {
        var recipe = ModelCatalog.Get("reference");
        var full = recipe.TrainerOptions(new Rng(0));
        var one = recipe.TrainerOptions(new Rng(0), epochs: 1);
        Assert.Equal((recipe.Epochs, 1), (full.Epochs, one.Epochs));
        // A one-epoch run goes through the whole cycle: its middle is the full run's middle, its end the full run's end.
        Assert.Equal(full.Schedule!(1 + recipe.Epochs / 2.0, 1e-3), one.Schedule!(1.5, 1e-3), 1e-15);
        Assert.Equal(full.Schedule!(1 + 0.99 * recipe.Epochs, 1e-3), one.Schedule!(1.99, 1e-3), 1e-15);
        Assert.Null(ModelCatalog.Get("small-cnn").TrainerOptions(new Rng(0), epochs: 3).Schedule);
    }
}
