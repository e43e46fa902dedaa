namespace NotebookNet.Kernels;

/// <summary>
/// The sizes of a 2-D convolution or pooling window over one CHW image: output size
/// <c>⌊(H + 2·padding − kernel) / stride⌋ + 1</c>, as PyTorch computes it.
/// </summary>
public readonly record struct ConvGeometry(int Channels, int Height, int Width, int KernelSize, int Stride, int Padding)
{
    public int OutHeight => (Height + 2 * Padding - KernelSize) / Stride + 1;
    public int OutWidth => (Width + 2 * Padding - KernelSize) / Stride + 1;

    /// <summary>Output positions per channel (OutHeight·OutWidth): the rows of one image's column matrix.</summary>
    public int Positions => OutHeight * OutWidth;

    /// <summary>Values under one window across all channels (C·k·k): the columns of one image's column matrix.</summary>
    public int PatchSize => Channels * KernelSize * KernelSize;

    /// <summary>C·H·W, the rows of one input column.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>Throws unless every size is positive and the window fits the padded image.</summary>
    public void Validate(string owner)
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
            throw new ArgumentException($"{owner}: the input shape {Channels}x{Height}x{Width} must be positive.");
        if (KernelSize <= 0 || Stride <= 0 || Padding < 0)
            throw new ArgumentException(
                $"{owner}: kernel size {KernelSize} and stride {Stride} must be positive and padding {Padding} not negative.");
        if (Height + 2L * Padding < KernelSize || Width + 2L * Padding < KernelSize)
            throw new ArgumentException(
                $"{owner}: a {KernelSize}x{KernelSize} window does not fit a {Height}x{Width} image with padding {Padding}.");
        Tensors.LayerSize.Product(owner, "the input shape", Channels, Height, Width);
        Tensors.LayerSize.Product(owner, $"the height and width with padding {Padding}", Height + 2L * Padding, Width + 2L * Padding);
        Tensors.LayerSize.Product(owner, "a window", Channels, KernelSize, KernelSize);
        Tensors.LayerSize.Product(owner, "the output shape", Channels, OutHeight, OutWidth);
    }
}
