namespace NotebookNet.Onnx;

/// <summary>
/// A network that cannot be written as ONNX; the message names the layer and its position. An
/// <see cref="ArgumentException"/>: the network given is what is wrong, and callers that report bad input catch it so.
/// </summary>
public sealed class OnnxExportException(string message) : ArgumentException(message);
