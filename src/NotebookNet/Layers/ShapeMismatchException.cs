namespace NotebookNet.Layers;

/// <summary>An input or gradient whose shape does not fit the layer; the message names the layer and both shapes.</summary>
public sealed class ShapeMismatchException(string message) : ArgumentException(message);
