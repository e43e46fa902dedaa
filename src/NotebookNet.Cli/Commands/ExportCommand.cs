using NotebookNet.Onnx;
using NotebookNet.Persistence;

namespace NotebookNet.Cli;

/// <summary>`export MODEL.nnet --onnx MODEL.onnx`: rebuilds the named catalog model, loads the file and writes it as ONNX.</summary>
public static class ExportCommand
{
    /// <summary>Writes the catalog model saved in <paramref name="modelPath"/> to <paramref name="onnxPath"/> (ONNX opset <see cref="OnnxExport.Opset"/>).</summary>
    /// <returns>The line to print: what was written, from which model.</returns>
    public static string Export(string modelPath, string onnxPath)
    {
        var header = ModelFile.ReadHeader(modelPath);
        var model = ModelCatalog.Get(header.ModelId).Build(new Rng(0));
        ModelFile.Load(modelPath, model);
        OnnxExport.Save(onnxPath, model.Eval(), header.ModelId);
        return $"{onnxPath}: model '{header.ModelId}' from {modelPath}, ONNX opset {OnnxExport.Opset}, " +
               $"input '{OnnxExport.InputName}' (batch, 1, 28, 28), output '{OnnxExport.OutputName}' (batch, 10 logits)";
    }

    /// <summary>Today's dispatch: <c>export MODEL.nnet --onnx OUT.onnx</c>.</summary>
    public static int Run(string[] args)
    {
        var options = new Options(args);
        if (options.Positional.Count != 1 || !options.Has("onnx"))
        {
            Console.Error.WriteLine("usage: notebooknet export MODEL.nnet --onnx MODEL.onnx");
            return 2;
        }
        // A missing or broken model file (ModelFileException, an IOException) and a layer without an ONNX mapping
        // (OnnxExportException, an ArgumentException) reach the dispatcher, which prints their message.
        Console.WriteLine(Export(options.Positional[0], options.String("onnx", "")));
        return 0;
    }
}
