using NotebookNet.Interactive.Imaging;

namespace NotebookNet.Interactive;

/// <summary>One digit as an inline PNG (<c>&lt;img src="data:image/png;base64,…"&gt;</c>), enlarged without smoothing.</summary>
public sealed class DigitImage : HtmlView
{
    internal DigitImage(Raster raster, string caption)
    {
        Raster = raster;
        Caption = caption;
        PngBytes = raster.ToPng();
    }

    /// <summary>The enlarged pixels.</summary>
    public Raster Raster { get; }

    /// <summary>Alt text, e.g. "imagen 7".</summary>
    public string Caption { get; }

    /// <summary>The PNG file's bytes.</summary>
    public byte[] PngBytes { get; }

    public int Width => Raster.Width;
    public int Height => Raster.Height;

    /// <summary>Writes the PNG file.</summary>
    public void Save(string path) => File.WriteAllBytes(path, PngBytes);

    public override string ToHtml() => ImgTag("display:block");

    internal string ImgTag(string style) =>
        $"<img src=\"{Png.DataUri(PngBytes)}\" width=\"{Width}\" height=\"{Height}\" alt=\"{Markup.Encode(Caption)}\" " +
        $"style=\"image-rendering:pixelated;{style}\">";

    public override string ToString() => $"{Caption} ({Width}×{Height} PNG)";
}
