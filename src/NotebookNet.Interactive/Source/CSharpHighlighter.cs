using System.Text;

namespace NotebookNet.Interactive.SourceCode;

/// <summary>Colours C# with inline styles (Visual Studio's light palette), line by line, with line numbers.</summary>
internal static class CSharpHighlighter
{
    private const string LineNumberStyle = "color:#999;user-select:none;-webkit-user-select:none;display:inline-block;text-align:right;padding-right:1em;box-sizing:content-box;white-space:nowrap";

    /// <summary>The inner HTML of <c>&lt;code&gt;</c> for <paramref name="text"/>, numbering lines from <paramref name="firstLine"/>.</summary>
    public static string Highlight(string text, int firstLine, int numberWidth)
    {
        var tokens = CSharpTokenizer.Tokenize(text);
        var html = new StringBuilder(text.Length * 3);
        int line = firstLine;
        StartLine(html, line, numberWidth);
        for (int t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            string? style = Style(token, tokens, t);
            string[] pieces = token.Text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
            for (int p = 0; p < pieces.Length; p++)
            {
                if (p > 0) { html.Append('\n'); StartLine(html, ++line, numberWidth); }
                if (pieces[p].Length == 0) continue;
                if (style is null) html.Append(Markup.Encode(pieces[p]));
                else html.Append("<span style=\"").Append(style).Append("\">").Append(Markup.Encode(pieces[p])).Append("</span>");
            }
        }
        return html.ToString();
    }

    private static void StartLine(StringBuilder html, int line, int width) =>
        html.Append($"<span style=\"{LineNumberStyle};width:{width}ch\">{Markup.Number(line)}</span>");

    private static string? Style(CSharpToken token, List<CSharpToken> tokens, int index) => token.Kind switch
    {
        TokenKind.Comment => "color:#008000",
        TokenKind.DocComment => "color:#6a8759;font-style:italic",
        TokenKind.String or TokenKind.Char => "color:#a31515",
        TokenKind.Number => "color:#098658",
        TokenKind.Keyword => "color:#0000ff",
        TokenKind.Preprocessor => "color:#808080",
        TokenKind.Identifier when char.IsUpper(token.Text[0]) =>
            NextSignificant(tokens, index) == "(" ? "color:#74531f" : "color:#2b91af",
        _ => null,
    };

    private static string? NextSignificant(List<CSharpToken> tokens, int index)
    {
        for (int i = index + 1; i < tokens.Count; i++)
            if (tokens[i].Kind is not (TokenKind.Whitespace or TokenKind.Comment or TokenKind.DocComment)) return tokens[i].Text;
        return null;
    }
}
