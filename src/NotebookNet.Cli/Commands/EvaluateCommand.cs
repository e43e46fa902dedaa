using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Layers;
using NotebookNet.Persistence;

namespace NotebookNet.Cli;

/// <summary>`evaluate model.nnet`: rebuilds the named catalog model, loads the file and measures it on the 10,000 test images.</summary>
public static class EvaluateCommand
{
    public static int Run(string[] args)
    {
        var options = new Options(args);
        if (options.Positional.Count != 1)
        {
            Console.Error.WriteLine("usage: notebooknet evaluate MODEL.nnet [--data DIR]");
            return 2;
        }
        string path = options.Positional[0];
        var header = ModelFile.ReadHeader(path);
        var model = ModelCatalog.Get(header.ModelId).Build(new Rng(0));
        ModelFile.Load(path, model);
        Console.WriteLine($"{path}: model '{header.ModelId}', format version {header.Version}");
        var (_, test) = Mnist.Load(options.Has("data") ? options.String("data", "") : null);
        return Report(model, test);
    }

    /// <summary>Prints the test accuracy, the confusion matrix and per-class precision/recall.</summary>
    public static int Report(Sequential<float> model, MnistSet test)
    {
        var report = EvaluationReport.Evaluate(model, test);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test accuracy: {report.Accuracy:P2} ({report.Confusion.Correct:N0} of {report.Confusion.Total:N0}), loss {report.Loss:F4}"));
        Console.WriteLine(report.Confusion.ToString());
        return 0;
    }
}
