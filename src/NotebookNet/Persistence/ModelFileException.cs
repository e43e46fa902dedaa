namespace NotebookNet.Persistence;

/// <summary>A model file that cannot be read into the given network; the message names the file and the problem.</summary>
public sealed class ModelFileException(string message) : IOException(message);
