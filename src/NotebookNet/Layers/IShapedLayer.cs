namespace NotebookNet.Layers;

/// <summary>A layer whose output shape is fixed at construction; <c>Sequential.Summary</c> prints it.</summary>
public interface IShapedLayer
{
    /// <summary>The output shape as printed, e.g. "8x26x26" or "400".</summary>
    string OutputShapeText { get; }
}
