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

    public static int Run(string[] args)
    {
        var options = new Options(args);
        string output = options.String("out", "img");
        string? data = options.Has("data") ? options.String("data", "") : null;
        int perDigit = options.Int("per-digit", 10);
        int scale = options.Int("scale", 2);

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
