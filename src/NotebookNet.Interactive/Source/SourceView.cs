using System.Text;
using NotebookNet.Interactive.SourceCode;

namespace NotebookNet.Interactive;

/// <summary>Real source of the companion library, coloured offline, with the file's own line numbers.</summary>
public sealed class SourceView : HtmlView
{
    internal SourceView(string path, string? member, IReadOnlyList<Excerpt> excerpts)
    {
        Path = path;
        Member = member;
        Excerpts = excerpts;
    }

    /// <summary>A run of consecutive lines; <see cref="FirstLine"/> is 1-based.</summary>
    public sealed record Excerpt(int FirstLine, string Text);

    /// <summary>Repository-relative path, e.g. "src/NotebookNet/Layers/Dense.cs".</summary>
    public string Path { get; }

    /// <summary>The type or member shown, or null for the whole file.</summary>
    public string? Member { get; }

    public IReadOnlyList<Excerpt> Excerpts { get; }

    /// <summary>The shown source, excerpts separated by a blank line.</summary>
    public string Text => string.Join("\n\n", Excerpts.Select(e => e.Text));

    public override string ToHtml()
    {
        int lastLine = Excerpts.Max(e => e.FirstLine + e.Text.Count(c => c == '\n'));
        int width = Math.Max(2, lastLine.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var html = new StringBuilder();
        html.Append("<div class=\"notebooknet-source\">");
        html.Append("<div style=\"font-family:sans-serif;font-size:12px;color:#555;margin-bottom:2px\">")
            .Append(Markup.Encode(Path));
        if (Member is not null) html.Append(" · <b>").Append(Markup.Encode(Member)).Append("</b>");
        html.Append("</div>");
        for (int i = 0; i < Excerpts.Count; i++)
        {
            if (i > 0) html.Append("<div style=\"color:#999;font-family:monospace;padding-left:1em\">⋮</div>");
            html.Append("<pre style=\"background:#fafafa;border:1px solid #e0e0e0;border-radius:4px;padding:8px;margin:0;" +
                        "overflow-x:auto;font-size:12.5px;line-height:1.45;color:#000\">");
            html.Append("<code class=\"language-csharp\" style=\"font-family:Consolas,'Cascadia Mono',Menlo,monospace\">");
            html.Append(CSharpHighlighter.Highlight(Excerpts[i].Text, Excerpts[i].FirstLine, width));
            html.Append("</code></pre>");
        }
        html.Append("</div>");
        return html.ToString();
    }

    public override string ToString() => Member is null ? Path : $"{Path} · {Member}";
}
