using System.CommandLine;
using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Layers;
using NotebookNet.Persistence;

namespace NotebookNet.Cli;

/// <summary>`evaluate model.nnet`: rebuilds the named catalog model, loads the file and measures it on the 10,000 test images.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL.nnet") { Description = "a model file written by `notebooknet train`" };
        var data = Root.Optional<string>("--data", "folder of the MNIST files (default: the repository's data/mnist)");
        var command = new Command("evaluate", "measures a saved model on the 10,000 test images") { model, data };
        command.SetAction(p => Run(p.GetValue(model)!, p.GetValue(data)));
        return command;
    }

    public static int Run(string path, string? data)
    {
        var (model, header) = ModelCatalog.Load(path);
        Console.WriteLine($"{path}: model '{header.ModelId}', format version {header.Version}");
        var (_, test) = Mnist.Load(data);
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
