namespace NotebookNet.Notebooks;

/// <summary>The small scripts exported pages run around the inlined libraries.</summary>
internal static class PageScripts
{
    /// <summary>
    /// Before plotly.js: hide an AMD <c>define</c> (require.js) so the bundle sets <c>window.Plotly</c> instead of
    /// registering an anonymous module.
    /// </summary>
    public const string HideDefine = "window.__notebookNetDefine = window.define; window.define = undefined;";

    /// <summary>After plotly.js: give <c>define</c> back.</summary>
    public const string RestoreDefine =
        "if (window.__notebookNetDefine !== undefined) { window.define = window.__notebookNetDefine; } delete window.__notebookNetDefine;";

    /// <summary>
    /// For outputs that ask require.js for plotly: without a real loader on the page, answer every <c>require</c>
    /// with the inlined Plotly, so no loader (and no CDN copy of plotly) is ever fetched.
    /// </summary>
    public const string RequireShim = """
        (function () {
            if (typeof window.requirejs === 'function') return;
            var shim = function (deps, callback) {
                var list = Array.isArray(deps) ? deps : [deps];
                if (typeof callback === 'function') callback.apply(null, list.map(function () { return window.Plotly; }));
                return window.Plotly;
            };
            shim.config = function () { return shim; };
            window.requirejs = window.require = shim;
        })();
        """;

    /// <summary>Typesets every <c>.math</c> element Markdig produced, in place, with KaTeX.</summary>
    public const string RenderMath = """
        (function () {
            var nodes = document.querySelectorAll('.math');
            for (var i = 0; i < nodes.length; i++) {
                var el = nodes[i];
                var tex = el.textContent.trim();
                var display = el.tagName === 'DIV' || el.classList.contains('math-display');
                var m = tex.match(/^\\\[([\s\S]*)\\\]$/);
                if (m) { tex = m[1]; display = true; }
                else if ((m = tex.match(/^\\\(([\s\S]*)\\\)$/))) { tex = m[1]; }
                try { katex.render(tex, el, { displayMode: display, throwOnError: false }); }
                catch (e) { el.classList.add('math-error'); el.title = String(e); }
            }
        })();
        """;
}
