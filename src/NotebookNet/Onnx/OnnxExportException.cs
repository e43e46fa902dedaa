namespace NotebookNet.Onnx;

/// <summary>A network that cannot be written as ONNX; the message names the layer and its position.</summary>
public sealed class OnnxExportException(string message) : Exception(message);
