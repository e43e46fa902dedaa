using System.Reflection;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks;

/// <summary>
/// The pinned npm files embedded in this assembly at build time: KaTeX's script and stylesheet (assets/package-lock.json,
/// its woff2 fonts turned into data: URIs) and plotly.js (NotebookNet.Interactive's assets/package-lock.json, the one
/// pinned copy). Loaded once per process.
/// </summary>
internal static partial class Assets
{
    private static readonly Assembly Self = typeof(Assets).Assembly;

    private static readonly Lazy<string> KatexScriptText = new(() => Script(Text("assets/katex.min.js")));
    private static readonly Lazy<string> KatexStyleText = new(() => InlineFonts(Text("assets/katex.min.css")));
    private static readonly Lazy<string> PlotlyScriptText = new(() => Script(Text("assets/plotly.min.js")));

    /// <summary>katex.min.js, safe to put inside a &lt;script&gt; element.</summary>
    public static string KatexScript => KatexScriptText.Value;

    /// <summary>katex.min.css with every font as a woff2 data: URI (no other font formats: every current browser reads woff2).</summary>
    public static string KatexStyle => KatexStyleText.Value;

    /// <summary>plotly.min.js (plotly.js-dist-min), safe to put inside a &lt;script&gt; element.</summary>
    public static string PlotlyScript => PlotlyScriptText.Value;

    private static string InlineFonts(string css) => FontSources().Replace(css, match =>
    {
        string name = match.Groups[1].Value;
        byte[] font = Bytes($"assets/fonts/{name}.woff2");
        return $"src:url(data:font/woff2;base64,{Convert.ToBase64String(font)}) format(\"woff2\")";
    });

    // A whole `src:` list of one @font-face: the woff2 entry first, then the woff and ttf fallbacks KaTeX also lists.
    [GeneratedRegex(@"src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\(""woff2""\)(?:,url\([^)]*\) format\(""[a-z]+""\))*")]
    private static partial Regex FontSources();

    // "</script" inside an inline script would end the element early; "<\/" means the same inside JS strings.
    private static string Script(string js) => js.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    private static string Text(string name)
    {
        using var reader = new StreamReader(Open(name));
        return reader.ReadToEnd();
    }

    private static byte[] Bytes(string name)
    {
        using var stream = Open(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Stream Open(string name) =>
        Self.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException(
            $"Embedded asset '{name}' is missing from {Self.GetName().Name}: rebuild it (the build runs `npm ci` in src/NotebookNet.Notebooks/assets).");
}
