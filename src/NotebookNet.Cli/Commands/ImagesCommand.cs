using System.CommandLine;
using System.Globalization;
using NotebookNet.Data;
using NotebookNet.Interactive;

namespace NotebookNet.Cli;

/// <summary>
/// <c>notebooknet images [--out img] [--data data/mnist] [--per-digit 10] [--scale 2]</c>: regenerates the pictures that
/// the notebooks' markdown shows, from the MNIST files, so no picture in img/ is drawn by hand.
/// </summary>
public static class ImagesCommand
{
    public const string ExamplesFile = "mnist-examples.png";

    public static Command Create()
    {
        var output = Root.Option("--out", "folder the pictures are written to", "img");
        var data = Root.Optional<string>("--data", "folder of the MNIST files (default: the repository's data/mnist)");
        var perDigit = Root.Option("--per-digit", "training examples shown of each digit", 10).Require(Root.IsPositive, "at least 1");
        var scale = Root.Option("--scale", "pixels per MNIST pixel", 2).Require(Root.IsPositive, "at least 1");
        var command = new Command("images", "regenerates the MNIST pictures the notebooks show") { output, data, perDigit, scale };
        command.SetAction(p => Run(p.GetValue(output)!, p.GetValue(data), p.GetValue(perDigit), p.GetValue(scale)));
        return command;
    }

    public static int Run(string output, string? data, int perDigit, int scale)
    {
        var (train, _) = Mnist.Load(data);
        Directory.CreateDirectory(output);
        var sheet = Digits.Examples(train, perDigit, scale);
        string path = Path.Combine(output, ExamplesFile);
        sheet.Save(path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {sheet.Width}×{sheet.Height} px, {perDigit} training examples of each digit, {sheet.PngBytes.Length} bytes"));
        return 0;
    }
}
