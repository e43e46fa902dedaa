using NotebookNet.Layers;
using NotebookNet.Optimizers;
using NotebookNet.Persistence;
using NotebookNet.Training;

namespace NotebookNet;

/// <summary>A named network together with the way it is trained; model files store the name.</summary>
/// <param name="Id">The name used on the command line and in model files, e.g. "small-cnn".</param>
/// <param name="Description">One line for help texts and notebooks.</param>
/// <param name="Build">Creates the untrained network.</param>
/// <param name="Optimizer">Creates the optimizer with its default learning rate.</param>
/// <param name="BatchSize">Default batch size.</param>
/// <param name="Epochs">Default number of epochs.</param>
/// <param name="Schedule">The learning-rate schedule for a run of the given number of epochs (so a shorter or longer run
/// than <paramref name="Epochs"/> gets the whole schedule, compressed or stretched), or null for a constant rate.</param>
/// <param name="Shift">Data augmentation by random shifts, or null for none.</param>
/// <param name="LabelSmoothing">Label smoothing of the softmax cross-entropy (<see cref="TrainerOptions.LabelSmoothing"/>), 0 for none.</param>
public sealed record ModelRecipe(
    string Id,
    string Description,
    Func<Rng, Sequential<float>> Build,
    Func<Optimizer<float>> Optimizer,
    int BatchSize,
    int Epochs,
    Func<int, LearningRateSchedule>? Schedule = null,
    ShiftAugmentation? Shift = null,
    double LabelSmoothing = 0)
{
    /// <summary>
    /// The recipe's training settings (epochs, batch size, schedule, augmentation, label smoothing), drawing from <paramref name="rng"/>;
    /// <paramref name="epochs"/> replaces the recipe's number of epochs and fits the schedule to it.
    /// </summary>
    public TrainerOptions TrainerOptions(Rng rng, int? epochs = null) => new()
    {
        Epochs = epochs ?? Epochs,
        BatchSize = BatchSize,
        Schedule = Schedule?.Invoke(epochs ?? Epochs),
        Shift = Shift,
        LabelSmoothing = LabelSmoothing,
        Rng = rng ?? throw new ArgumentNullException(nameof(rng)),
    };
}

/// <summary>The models the CLI can train and the model files can name. A fixed list: no type is ever looked up by name.</summary>
public static class ModelCatalog
{
    public static IReadOnlyList<ModelRecipe> All { get; } =
    [
        new("small-cnn", "8c3-pool-16c3-pool-fc10, SGD momentum 0.9, lr 0.05, batch 64",
            rng => Models.SmallCnn(rng), () => new Sgd<float>(0.05, momentum: 0.9), 64, 1),
        new("lenet5", "32c5p2-pool-64c5p2-pool-fc128-fc10, Adam 1e-3, batch 128",
            rng => Models.LeNet5(rng), () => new Adam<float>(1e-3), 128, 1),
        new("reference", Models.ReferenceDescription,
            rng => Models.Reference(rng), () => new Adam<float>(Models.ReferenceLearningRate),
            Models.ReferenceBatchSize, Models.ReferenceEpochs, Models.ReferenceSchedule, Models.ReferenceAugmentation,
            Models.ReferenceLabelSmoothing),
    ];

    /// <summary>Short names the command line also accepts: <c>cnn</c> is the small CNN.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string> { ["cnn"] = "small-cnn" };

    /// <summary>The recipe called <paramref name="id"/> (or one of its <see cref="Aliases"/>); the error lists the known names.</summary>
    public static ModelRecipe Get(string id) =>
        Find(id) ?? throw new ArgumentException($"Unknown model '{id}'. {Known}");

    private static ModelRecipe? Find(string id)
    {
        string name = Aliases.TryGetValue(id, out var target) ? target : id;
        return All.FirstOrDefault(r => r.Id == name);
    }

    private static string Known =>
        $"Known models: {string.Join(", ", All.Select(r => r.Id))} (and {string.Join(", ", Aliases.Keys)}).";

    /// <summary>Builds the catalog network a model file names and fills its parameters from the file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelFileException">The file is invalid or names a model the catalog does not have.</exception>
    public static (Sequential<float> Model, ModelHeader Header) Load(string path)
    {
        var header = ModelFile.ReadHeader(path);
        var recipe = Find(header.ModelId)
            ?? throw new ModelFileException($"{path}: names model '{header.ModelId}', which is not in the catalog. {Known}");
        var model = recipe.Build(new Rng(0));
        ModelFile.Load(path, model);
        return (model, header);
    }
}
