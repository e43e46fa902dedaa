namespace NotebookNet.Kernels;

/// <summary>
/// The wide grid of <see cref="DirectConv"/> for one stride-1 geometry: the padded image's size, the output rows
/// laid out <see cref="PaddedWidth"/> apart, and each tap's offset into the padded image.
/// </summary>
internal sealed class DirectGrid
{
    public DirectGrid(in ConvGeometry geometry)
    {
        if (!DirectConv.Supports(geometry))
            throw new ArgumentException($"DirectConv: {geometry} is not a stride-1 convolution these kernels handle.");
        Geometry = geometry;
        int k = geometry.KernelSize, p = geometry.Padding;
        PaddedWidth = geometry.Width + 2 * p;
        int plane = (geometry.Height + 2 * p) * PaddedWidth;
        int wide = geometry.OutHeight * PaddedWidth;
        WideLength = (wide + DirectConv.PartialSums - 1) / DirectConv.PartialSums * DirectConv.PartialSums;
        Offsets = new int[geometry.PatchSize];
        for (int c = 0, r = 0; c < geometry.Channels; c++)
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++, r++)
                    Offsets[r] = c * plane + ki * PaddedWidth + kj;
        // The last tap reads WideLength values from its offset; a padded image is at least its planes.
        PaddedLength = Math.Max(Offsets[^1] + WideLength, geometry.Channels * plane);
    }

    public ConvGeometry Geometry { get; }

    /// <summary>Width + 2·padding: the distance between output rows on the wide grid.</summary>
    public int PaddedWidth { get; }

    /// <summary>OutHeight·PaddedWidth rounded up to whole 16-lane vectors: the positions each kernel computes.</summary>
    public int WideLength { get; }

    /// <summary>Floats of a padded image buffer, slack included.</summary>
    public int PaddedLength { get; }

    /// <summary>Tap r = (c·k + ki)·k + kj reads the padded image from Offsets[r].</summary>
    public int[] Offsets { get; }
}
