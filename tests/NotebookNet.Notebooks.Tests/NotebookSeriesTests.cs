using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// The project's notebook series (<c>notebooks/*.ipynb</c>): every notebook runs with no failed cell, the figures the
/// experiments record in the results file are in range, and the headings still follow the tutorial's sections in order.
/// </summary>
public sealed class NotebookSeriesTests
{
    /// <summary>
    /// The tutorial's sections, in its order, with the heading each has in the series (where the series renames one,
    /// e.g. a Python library replaced by its .NET counterpart) and the notebook that holds it.
    /// </summary>
    internal static readonly (string Document, string Heading, string Notebook)[] DocumentSections =
    [
        ("Introducción", "Introducción", "01-Introduccion.ipynb"),
        ("Objetivo", "Objetivo", "01-Introduccion.ipynb"),
        ("Bibliotecas Utilizadas", "Bibliotecas Utilizadas", "02-Bibliotecas.ipynb"),
        ("Instalación de bibliotecas", "Instalación de bibliotecas", "02-Bibliotecas.ipynb"),
        ("NumPy", "NumPy → MathNet.Numerics", "02-Bibliotecas.ipynb"),
        ("Importación:", "Importación:", "02-Bibliotecas.ipynb"),
        ("TensorFlow", "TensorFlow → .NET Interactive y XPlot.Plotly", "02-Bibliotecas.ipynb"),
        ("Keras", "Keras → NotebookNet", "02-Bibliotecas.ipynb"),
        ("Conjunto de Datos MNIST", "Conjunto de Datos MNIST", "03-Conjunto-MNIST.ipynb"),
        ("Características del Conjunto de Datos:", "Características del Conjunto de Datos:", "03-Conjunto-MNIST.ipynb"),
        ("Importación del dataset MNIST y las herramientas necesarias para trabajar con él",
            "Importación del dataset MNIST y las herramientas necesarias para trabajar con él", "03-Conjunto-MNIST.ipynb"),
        ("Capas Layer and Dense", "Capas Layer y Dense", "04-Layer-y-Dense.ipynb"),
        ("Clase `Layer`", "Clase `Layer`", "04-Layer-y-Dense.ipynb"),
        ("Clase `Dense` (Capa Totalmente Conectada)", "Clase `Dense` (Capa Totalmente Conectada)", "04-Layer-y-Dense.ipynb"),
        ("Clase `Activation`", "Clase `Activation`", "05-Activaciones.ipynb"),
        ("Clase `Tanh`", "Clase `Tanh`", "05-Activaciones.ipynb"),
        ("Clase `Sigmoid`", "Clase `Sigmoid`", "05-Activaciones.ipynb"),
        ("Clase `Softmax`", "Clase `Softmax`", "05-Activaciones.ipynb"),
        ("Funciones de Pérdida y Derivadas", "Funciones de Pérdida y Derivadas", "06-Perdidas.ipynb"),
        ("Función de Error Cuadrático Medio (MSE)", "Función de Error Cuadrático Medio (MSE)", "06-Perdidas.ipynb"),
        ("Función de Entropía Cruzada Binaria", "Función de Entropía Cruzada Binaria", "06-Perdidas.ipynb"),
        ("Funciones de Predicción y Entrenamiento de Redes Neuronales",
            "Funciones de Predicción y Entrenamiento de Redes Neuronales", "07-Prediccion-y-Entrenamiento.ipynb"),
        ("Función de Predicción (`predict`)", "Función de Predicción (`predict`)", "07-Prediccion-y-Entrenamiento.ipynb"),
        ("Función de Entrenamiento (`train`)", "Función de Entrenamiento (`train`)", "07-Prediccion-y-Entrenamiento.ipynb"),
        ("Función de Preprocesamiento de Datos (`preprocess_data`)",
            "Función de Preprocesamiento de Datos (`preprocess_data`)", "07-Prediccion-y-Entrenamiento.ipynb"),
        ("Carga y Preprocesamiento de Datos MNIST", "Carga y Preprocesamiento de Datos MNIST", "08-Experimento-MNIST.ipynb"),
        ("Definición de la Arquitectura de la Red Neuronal", "Definición de la Arquitectura de la Red Neuronal", "08-Experimento-MNIST.ipynb"),
        ("Entrenamiento de la Red Neuronal", "Entrenamiento de la Red Neuronal", "08-Experimento-MNIST.ipynb"),
        ("Prueba de la Red Neuronal", "Prueba de la Red Neuronal", "08-Experimento-MNIST.ipynb"),
        ("Conclusiones", "Conclusiones", "10-Conclusiones.ipynb"),
        ("Logros", "Logros", "10-Conclusiones.ipynb"),
        ("Desafíos y Lecciones Aprendidas", "Desafíos y Lecciones Aprendidas", "10-Conclusiones.ipynb"),
        ("Futuras Direcciones", "Futuras Direcciones", "10-Conclusiones.ipynb"),
    ];

    [Fact]
    public void The_series_is_the_ten_notebooks_in_order()
    {
        Assert.Equal(NotebookSeries.Names, NotebookSeries.Files().Select(Path.GetFileName));
    }

    [Fact]
    public void Headings_follow_the_document_sections_in_order()
    {
        // Every heading of the series, in reading order, with the notebook it is in.
        var headings = NotebookSeries.Names
            .SelectMany(name => NotebookSeries.Headings(name).Select(h => (Heading: h, Notebook: name)))
            .ToList();
        int previous = -1;
        foreach (var (document, heading, notebook) in DocumentSections)
        {
            int at = headings.FindIndex(previous + 1, h => h.Heading == Normalize(heading));
            Assert.True(at >= 0,
                $"The document's section \"{document}\" (heading \"{heading}\") is missing, or out of order, after position {previous} of the series.");
            Assert.True(headings[at].Notebook == notebook,
                $"The document's section \"{document}\" is in {headings[at].Notebook}, expected in {notebook}.");
            previous = at;
        }
    }

    [Fact]
    public void Every_notebook_opens_with_what_you_will_learn_and_ends_with_links_to_its_neighbours()
    {
        var names = NotebookSeries.Names;
        for (int i = 0; i < names.Count; i++)
        {
            var cells = NotebookSeries.Cells(names[i]);
            Assert.True(cells[0].Kind == "markdown" && cells[0].Source.Contains("## Lo que aprenderás", StringComparison.Ordinal),
                $"{names[i]} does not open with \"Lo que aprenderás\".");
            string last = cells[^1].Source;
            Assert.True(cells[^1].Kind == "markdown" && last.Contains("(README.md)", StringComparison.Ordinal), $"{names[i]} does not end with a link to the index.");
            if (i > 0) Assert.True(last.Contains($"]({names[i - 1]})", StringComparison.Ordinal), $"{names[i]} does not end with a link to {names[i - 1]}.");
            if (i < names.Count - 1) Assert.True(last.Contains($"]({names[i + 1]})", StringComparison.Ordinal), $"{names[i]} does not end with a link to {names[i + 1]}.");
        }
    }

    [Fact]
    public void Every_first_code_cell_references_pinned_packages_and_the_release_build()
    {
        foreach (string name in NotebookSeries.Names)
        {
            string first = NotebookSeries.Cells(name).First(c => c.Kind == "code").Source;
            Assert.Contains("#r \"nuget: MathNet.Numerics, 5.0.0\"", first);
            Assert.Contains("#r \"nuget: XPlot.Plotly, 4.1.0\"", first);
            Assert.Contains("#r \"../src/NotebookNet.Interactive/bin/Release/net10.0/NotebookNet.Interactive.dll\"", first);
            Assert.Contains("#r \"../src/NotebookNet.Interactive/bin/Release/net10.0/NotebookNet.dll\"", first);
            Assert.Contains("NotebookDisplay.Register();", first);
        }
    }

    [Fact]
    public void Notebooks_are_committed_without_outputs()
    {
        foreach (string name in NotebookSeries.Names)
            foreach (var cell in NotebookSeries.Cells(name).Where(c => c.Kind == "code"))
                Assert.True(cell.OutputCount == 0 && cell.ExecutionCount is null,
                    $"{name}: a code cell was saved with outputs (\"{cell.Source.Split('\n')[0]}\"); clear outputs before committing.");
    }

    [Fact]
    public void The_index_links_every_notebook()
    {
        string index = File.ReadAllText(Path.Combine(NotebookSeries.Folder(), "README.md"));
        foreach (string name in NotebookSeries.Names)
            Assert.Contains($"]({name})", index);
    }

    [Fact]
    public void Pictures_the_markdown_shows_exist()
    {
        var image = new Regex(@"!\[[^\]]*\]\((?<path>[^)\s]+)\)");
        foreach (string name in NotebookSeries.Names)
            foreach (var cell in NotebookSeries.Cells(name).Where(c => c.Kind == "markdown"))
                foreach (Match m in image.Matches(cell.Source))
                {
                    string path = Path.GetFullPath(Path.Combine(NotebookSeries.Folder(), m.Groups["path"].Value));
                    Assert.True(File.Exists(path), $"{name} shows {m.Groups["path"].Value}, which does not exist.");
                }
    }

    internal static string Normalize(string heading) => heading.Trim().TrimEnd(':').Trim().Replace("`", "", StringComparison.Ordinal);
}

/// <summary>
/// Runs the whole series once for the tests that need outputs (one to two minutes). In the runner's collection, so no
/// other notebook run changes the current directory or culture meanwhile.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed partial class NotebookSeriesRunTests(NotebookSeriesRuns runs) : IClassFixture<NotebookSeriesRuns>
{
    [Fact]
    public void Every_notebook_runs_without_a_failed_cell()
    {
        Assert.Equal(NotebookSeries.Names.Count, runs.Results.Count);
        var failures = runs.Results.Where(r => !r.Succeeded).Select(r => r.Failure!.ToString()).ToList();
        Assert.True(failures.Count == 0, "Failed cells:\n" + string.Join("\n", failures));
        Assert.All(runs.Results, r => Assert.All(r.Cells.Where(c => c.Kind == CellKind.Code && c.Source.Trim().Length > 0),
            c => Assert.True(c.Executed, $"{r.FileName}: cell {c.Number} did not run.")));
    }

    [Fact]
    public void The_tutorial_experiment_learns_and_scores_like_the_document()
    {
        var values = runs.Values("08-Experimento-MNIST.ipynb");
        double first = values["dense.error.first"], last = values["dense.error.last"], accuracy = values["dense.test.accuracy"];
        Assert.InRange(first, 0.5, 1.5);
        Assert.True(last < first / 4, $"The training error should fall: first epoch {first}, last {last}.");
        Assert.InRange(accuracy, 0.45, 0.75);
        Assert.Equal(31810, values["dense.parameters"]);
    }

    [Fact]
    public void Moving_one_weight_by_one_ulp_changes_the_tutorial_experiment()
    {
        var values = runs.Values("08-Experimento-MNIST.ipynb");
        Assert.NotEqual(values["dense.error.last"], values["dense.nudged.error.last"]);
        Assert.InRange(values["dense.nudged.test.accuracy"], 0.3, 0.8);
        // Glorot's init is the fix the notebook shows: it must do better than N(0, 1) on the same seed.
        Assert.True(values["dense.glorot.test.accuracy"] > values["dense.test.accuracy"],
            $"Glorot {values["dense.glorot.test.accuracy"]} should beat N(0, 1) {values["dense.test.accuracy"]}.");
    }

    [Fact]
    public void The_accuracy_of_08_stated_anywhere_is_the_computed_one()
    {
        double accuracy = runs.Values("08-Experimento-MNIST.ipynb")["dense.test.accuracy"];
        string stated = accuracy.ToString("P2", CultureInfo.InvariantCulture);
        // The outputs of 08 and 10 state it as P2 writes it; no prose (markdown) states a result figure of its own.
        foreach (string name in new[] { "08-Experimento-MNIST.ipynb", "10-Conclusiones.ipynb" })
        {
            var result = runs.Result(name);
            string outputs = string.Concat(result.Cells.SelectMany(c => c.Outputs).Select(o => o.Text ?? ""));
            Assert.True(outputs.Contains(stated, StringComparison.Ordinal), $"{name} does not state 08's accuracy {stated} in its outputs.");
            var figure = new Regex(@"\d+\.\d\d\s?%");
            foreach (var cell in NotebookSeries.Cells(name).Where(c => c.Kind == "markdown"))
                Assert.False(figure.IsMatch(cell.Source), $"{name}: the prose states a figure ({figure.Match(cell.Source).Value}); compute it in a cell.");
        }
    }

    [Fact]
    public void The_convolutional_network_trains_several_epochs_and_reaches_98_8_percent_on_the_test_set()
    {
        var values = runs.Values("09-Red-Convolucional.ipynb");
        Assert.True(values["cnn.epochs"] >= 3, $"{values["cnn.epochs"]} epochs.");
        Assert.True(values["cnn.test.accuracy"] >= 0.988, $"Test accuracy {values["cnn.test.accuracy"]}.");
        Assert.True(values["cnn.validation.accuracy"] >= 0.98, $"Validation accuracy {values["cnn.validation.accuracy"]}.");
        Assert.True(values["cnn.train.loss"] < 0.1, $"Training loss {values["cnn.train.loss"]}.");
    }

    [Fact]
    public void Charts_and_pictures_are_shown_as_html()
    {
        foreach (string name in new[] { "03-Conjunto-MNIST.ipynb", "05-Activaciones.ipynb", "08-Experimento-MNIST.ipynb", "09-Red-Convolucional.ipynb" })
        {
            var result = runs.Result(name);
            Assert.Contains(result.Cells.SelectMany(c => c.Outputs), o => o.Data.ContainsKey(CellOutput.Html));
        }
    }
}

/// <summary>
/// Builds what the notebooks reference (the Release build of NotebookNet.Interactive) and runs the series with our
/// runner, once per test run however many fixtures ask (the client tests compare their figures with these).
/// </summary>
public sealed class NotebookSeriesRuns : IAsyncLifetime
{
    private static readonly Lazy<Task<(IReadOnlyList<NotebookRunResult>, IReadOnlyDictionary<string, double>)>> Shared = new(RunAsync);

    public IReadOnlyList<NotebookRunResult> Results { get; private set; } = [];

    /// <summary>The named figures the series recorded (<c>NotebookResults.Record</c>), read from its own results folder.</summary>
    public IReadOnlyDictionary<string, double> Recorded { get; private set; } = new Dictionary<string, double>();

    public async Task InitializeAsync() => (Results, Recorded) = await Shared.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    public NotebookRunResult Result(string name) => Results.Single(r => r.FileName == name);

    /// <summary>The figures recorded by the series, after checking that <paramref name="name"/> ran without a failure.</summary>
    public IReadOnlyDictionary<string, double> Values(string name)
    {
        var result = Result(name);
        Assert.True(result.Succeeded, $"{name} failed: {result.Failure}");
        return Recorded;
    }

    private static async Task<(IReadOnlyList<NotebookRunResult>, IReadOnlyDictionary<string, double>)> RunAsync()
    {
        await BuildReleaseAsync();
        // The kernel runs in this process: its NotebookResults reads the variable, set only while the series runs
        // (this collection runs one test class at a time).
        string folder = Directory.CreateTempSubdirectory("notebooknet-results-runner-").FullName;
        string? before = Environment.GetEnvironmentVariable(ClientRun.ResultsVariable);
        Environment.SetEnvironmentVariable(ClientRun.ResultsVariable, folder);
        try
        {
            // A culture with a decimal comma: the figures the notebooks print must not depend on it.
            var runner = new NotebookRunner(new NotebookRunnerOptions { Culture = CultureInfo.GetCultureInfo("es-ES") });
            var results = await runner.RunAllAsync(NotebookSeries.Files());
            ClientRun.WriteSeconds("runner", results.Select(r => new ClientNotebookRun(r.FileName, r.Succeeded ? 0 : 1, r.Elapsed.TotalSeconds, "", null, null)));
            return (results, ClientRun.ReadResults(folder));
        }
        finally { Environment.SetEnvironmentVariable(ClientRun.ResultsVariable, before); }
    }

    private static async Task BuildReleaseAsync()
    {
        string project = Path.Combine(NotebookSeries.Root(), "src", "NotebookNet.Interactive", "NotebookNet.Interactive.csproj");
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "--nologo", "-v", "q", "-nodeReuse:false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = NotebookSeries.Root(),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"dotnet build -c Release of NotebookNet.Interactive failed:\n{await stdout}\n{await stderr}");
    }
}

/// <summary>Where the series is and what its notebooks contain, read straight from the .ipynb JSON.</summary>
internal static class NotebookSeries
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "01-Introduccion.ipynb", "02-Bibliotecas.ipynb", "03-Conjunto-MNIST.ipynb", "04-Layer-y-Dense.ipynb",
        "05-Activaciones.ipynb", "06-Perdidas.ipynb", "07-Prediccion-y-Entrenamiento.ipynb", "08-Experimento-MNIST.ipynb",
        "09-Red-Convolucional.ipynb", "10-Conclusiones.ipynb",
    ];

    /// <summary>The repository root: the first folder above the test's output that holds NotebookNet.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NotebookNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No NotebookNet.sln above {AppContext.BaseDirectory}.");
    }

    public static string Folder() => Path.Combine(Root(), "notebooks");

    public static IReadOnlyList<string> Files() =>
        [.. Directory.GetFiles(Folder(), "*.ipynb").Order(StringComparer.Ordinal)];

    public sealed record Cell(string Kind, string Source, int OutputCount, int? ExecutionCount);

    public static IReadOnlyList<Cell> Cells(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(), name)));
        var cells = new List<Cell>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray())
        {
            var source = cell.GetProperty("source");
            string text = source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
                : source.GetString() ?? "";
            int outputs = cell.TryGetProperty("outputs", out var o) ? o.GetArrayLength() : 0;
            int? count = cell.TryGetProperty("execution_count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            cells.Add(new Cell(cell.GetProperty("cell_type").GetString()!, text, outputs, count));
        }
        return cells;
    }

    /// <summary>The markdown headings of a notebook, in order, without the #s, backticks and a trailing colon.</summary>
    public static IReadOnlyList<string> Headings(string name)
    {
        var heading = new Regex(@"^#{1,6}\s+(?<text>.+?)\s*$", RegexOptions.Multiline);
        return [.. Cells(name)
            .Where(c => c.Kind == "markdown")
            .SelectMany(c => heading.Matches(c.Source.Replace("\r", "", StringComparison.Ordinal)).Select(m => NotebookSeriesTests.Normalize(m.Groups["text"].Value)))];
    }
}
