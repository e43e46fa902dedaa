namespace NotebookNet.Interactive.Imaging;

/// <summary>The two PNG colour types this encoder writes, with 8 bits per sample.</summary>
public enum PngColor
{
    /// <summary>One byte per pixel (PNG colour type 0).</summary>
    Gray = 0,

    /// <summary>Three bytes per pixel, red, green, blue (PNG colour type 2).</summary>
    Rgb = 2,
}
