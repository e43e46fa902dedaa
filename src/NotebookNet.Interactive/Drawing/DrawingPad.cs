using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using NotebookNet.Layers;

namespace NotebookNet.Interactive;

/// <summary>
/// A canvas to draw a digit on, with what the network makes of it, live: the 28×28 input the drawing becomes
/// (<see cref="NotebookNet.Drawing.DrawnDigit"/>'s preprocessing, run in the page), the ten probabilities as bars with
/// the winner marked, and the first convolution's feature maps. Everything runs in the page: the output carries the
/// trained weights and a JavaScript forward pass, so it works in Jupyter, VS Code, nbconvert's HTML and the exported
/// pages alike, with no kernel and no network. "Copiar trazos" gives the strokes as JSON for
/// <c>DrawnDigit.ParseStrokes</c>, to classify the same drawing in a cell.
/// </summary>
public sealed class DrawingPad : HtmlView
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(DrawingPad).Assembly.GetManifestResourceStream("NotebookNet.Interactive.drawing-pad.js")
            ?? throw new InvalidOperationException("DrawingPad: the embedded drawing-pad.js is missing from the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private readonly string _network;

    private DrawingPad(string networkJson, string? title)
    {
        _network = networkJson;
        Title = title;
        // Named by its content, so the same model gives the same page bytes.
        Id = "notebooknet-pad-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(networkJson + title)))[..12];
    }

    /// <summary>The pad for <paramref name="network"/> (reading 784 values: a 1×28×28 image); throws naming a layer the page cannot run.</summary>
    public static DrawingPad For<T>(IReadOnlyList<Layer<T>> network, string? title = null) where T : struct, IFloatingPointIeee754<T> =>
        new(Drawing.PadNetwork.Json(network), title);

    public string? Title { get; }

    /// <summary>The element id of the pad in the page.</summary>
    public string Id { get; }

    public override string ToHtml()
    {
        // "<" cannot end a script element early once escaped; JSON and JS read \u003c and <\/ as the same text.
        string json = _network.Replace("<", "\\u003c", StringComparison.Ordinal);
        string script = Script.Value.Replace("</", "<\\/", StringComparison.Ordinal);
        return $"<div class=\"notebooknet-drawing-pad\" id=\"{Id}\" style=\"font-family:sans-serif;font-size:13px\">" +
               Markup.Heading(Title) +
               $"<div class=\"notebooknet-drawing-pad-body\">Este panel de dibujo necesita JavaScript.</div>" +
               $"<script type=\"application/json\" class=\"notebooknet-drawing-pad-network\">{json}</script>" +
               $"<script>\n{script}\n(function () {{ var root = document.getElementById('{Id}'); " +
               "NotebookNetPad.mount(root.querySelector('.notebooknet-drawing-pad-body'), " +
               "JSON.parse(root.querySelector('.notebooknet-drawing-pad-network').textContent)); })();\n</script></div>";
    }

    public override string ToString() => $"DrawingPad({Title ?? Id})";
}
