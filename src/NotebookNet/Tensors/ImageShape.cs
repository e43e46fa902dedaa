namespace NotebookNet.Tensors;

/// <summary>Formats and checks (Depth, Height, Width) image shapes (one CHW image per column) for layers, data and messages.</summary>
public static class ImageShape
{
    /// <summary>"1x28x28".</summary>
    public static string Format((int Depth, int Height, int Width) shape) => $"{shape.Depth}x{shape.Height}x{shape.Width}";

    /// <summary>Depth·Height·Width, the rows of one sample's column.</summary>
    public static int Size((int Depth, int Height, int Width) shape) => shape.Depth * shape.Height * shape.Width;

    /// <summary>Throws unless every dimension is positive.</summary>
    public static void Validate((int Depth, int Height, int Width) shape, string owner)
    {
        if (shape.Depth <= 0 || shape.Height <= 0 || shape.Width <= 0)
            throw new ArgumentException($"{owner}: the shape {Format(shape)} must have positive dimensions.");
        LayerSize.Product(owner, "the shape", shape.Depth, shape.Height, shape.Width);
    }
}
