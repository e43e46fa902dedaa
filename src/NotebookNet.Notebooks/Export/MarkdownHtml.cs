using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace NotebookNet.Notebooks;

/// <summary>
/// Markdown cells to HTML with Markdig's advanced extensions (pipe tables, footnotes, task lists, math, …).
/// Math comes out as <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c> or <c>&lt;div class="math"&gt;\[…\]&lt;/div&gt;</c>
/// for KaTeX to typeset in the page; <c>$$…$$</c> inside a paragraph is marked <c>math-display</c> so it is shown
/// as a display equation, as Jupyter does.
/// </summary>
internal static class MarkdownHtml
{
    public const string DisplayMathClass = "math-display";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var math in document.Descendants<MathInline>())
        {
            if (math.DelimiterCount >= 2) math.GetAttributes().AddClass(DisplayMathClass);
        }
        return document.ToHtml(Pipeline);
    }

    /// <summary>Whether rendered HTML holds math for KaTeX (so the page needs KaTeX at all).</summary>
    public static bool HasMath(string html) =>
        html.Contains("class=\"math", StringComparison.Ordinal) || html.Contains(" math\"", StringComparison.Ordinal);
}
