namespace NotebookNet.Persistence;

/// <summary>What a model file says about itself before its parameters are read.</summary>
/// <param name="Version">Format version the file was written with.</param>
/// <param name="ElementSize">4 for float32 parameters, 8 for float64.</param>
/// <param name="ModelId">The name of the factory that builds the network (e.g. "small-cnn"), chosen by the writer.</param>
/// <param name="Architecture">One line per layer (its <c>Code</c>; its <c>Name</c> in version 1), used to refuse another architecture.</param>
public sealed record ModelHeader(int Version, int ElementSize, string ModelId, string Architecture);
