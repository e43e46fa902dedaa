using System.CommandLine;
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
        var (model, header) = ModelCatalog.Load(modelPath);
        OnnxExport.Save(onnxPath, model.Eval(), header.ModelId);
        return $"{onnxPath}: model '{header.ModelId}' from {modelPath}, ONNX opset {OnnxExport.Opset}, " +
               $"input '{OnnxExport.InputName}' (batch, 1, 28, 28), output '{OnnxExport.OutputName}' (batch, 10 logits)";
    }

    public static Command Create()
    {
        var model = new Argument<string>("MODEL.nnet") { Description = "a model file written by `notebooknet train`" };
        var onnx = new Option<string>("--onnx") { Description = "the ONNX file to write", Required = true };
        var command = new Command("export", "writes a saved model as ONNX (opset " + OnnxExport.Opset + ")") { model, onnx };
        // A missing or broken model file (ModelFileException, an IOException) and a layer without an ONNX mapping
        // (OnnxExportException, an ArgumentException) reach Root, which prints their message and exits 1.
        command.SetAction(p =>
        {
            Console.WriteLine(Export(p.GetValue(model)!, p.GetValue(onnx)!));
            return Root.Ok;
        });
        return command;
    }
}
