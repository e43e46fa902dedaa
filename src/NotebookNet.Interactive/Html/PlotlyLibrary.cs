using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;

namespace NotebookNet.Interactive;

/// <summary>
/// The pinned plotly.js (assets/package-lock.json, embedded in this assembly) as one inline script, the way plotly.py's
/// offline notebook mode does it: the first chart a kernel shows carries the library, every later chart of that kernel
/// finds <c>window.Plotly</c>. No CDN and no require.js: the script hides an AMD <c>define</c> (classic Jupyter has
/// require.js) so the bundle sets <c>window.Plotly</c>, then draws the charts that were waiting for it.
/// </summary>
public static class PlotlyLibrary
{
    /// <summary>The id of the inline script, so an exporter can tell a page already carries plotly.js.</summary>
    public const string ScriptId = "notebooknet-plotlyjs";

    private static readonly Lazy<string> ScriptText = new(Build);
    private static readonly ConditionalWeakTable<Kernel, object> Served = new();

    /// <summary>The whole library as a &lt;script&gt; element; it defines Plotly once per page and runs waiting charts.</summary>
    public static string Script => ScriptText.Value;

    /// <summary>
    /// The script the next chart must carry: the library for the first chart of the kernel handling the current
    /// command, nothing for later ones. Outside a kernel every chart carries it, since nothing else will.
    /// </summary>
    public static string ForNextChart()
    {
        var kernel = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        if (kernel is null) return Script;
        lock (Served)
        {
            if (Served.TryGetValue(kernel, out _)) return "";
            Served.Add(kernel, new object());
        }
        return Script;
    }

    private static string Build()
    {
        var self = typeof(PlotlyLibrary).Assembly;
        using var stream = self.GetManifestResourceStream("assets/plotly.min.js")
            ?? throw new InvalidOperationException(
                $"Embedded asset 'assets/plotly.min.js' is missing from {self.GetName().Name}: rebuild it (the build runs `npm ci` in src/NotebookNet.Interactive/assets).");
        using var reader = new StreamReader(stream);
        // "</script" inside the inline script would end the element early; "<\/" means the same inside JS strings.
        string js = reader.ReadToEnd().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $$"""
            <script type="text/javascript" id="{{ScriptId}}">
            if (typeof window.Plotly === 'undefined') {
            (function (define, module, exports) {
            {{js}}
            })();
            }
            (function () { var q = window.notebookNetPlotlyQueue || []; window.notebookNetPlotlyQueue = null; q.forEach(function (f) { f(); }); })();
            </script>

            """;
    }
}
