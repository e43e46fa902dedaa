namespace NotebookNet.Interactive.SourceCode;

/// <summary>
/// Finds where a type or member is declared in a C# file and how far its body reaches, including its XML doc
/// comment and attributes. Overloads give several ranges; a range inside another one (a constructor inside its class)
/// is dropped.
/// </summary>
internal static class MemberLocator
{
    private static readonly HashSet<string> TypeKeywords = new(StringComparer.Ordinal) { "class", "struct", "interface", "enum", "record" };

    /// <summary>Keywords that may stand right before a member's name: modifiers and built-in return types.</summary>
    private static readonly HashSet<string> BeforeName = new(StringComparer.Ordinal)
    {
        "public", "private", "protected", "internal", "static", "virtual", "override", "abstract", "sealed", "extern",
        "unsafe", "async", "partial", "readonly", "required", "file",
        "void", "bool", "byte", "sbyte", "char", "decimal", "double", "float", "int", "uint", "long", "ulong", "short",
        "ushort", "object", "string", "nint", "nuint", "dynamic",
    };

    /// <summary>Line ranges (0-based, inclusive) declaring <paramref name="member"/>, in file order.</summary>
    public static List<(int FirstLine, int LastLine)> Find(string text, string member)
    {
        var all = CSharpTokenizer.Tokenize(text);
        var tokens = all.Where(t => t.Kind is not (TokenKind.Whitespace or TokenKind.Comment or TokenKind.DocComment or TokenKind.Preprocessor)).ToList();
        var lineStarts = LineStarts(text);
        var ranges = new List<(int, int)>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != TokenKind.Identifier || tokens[i].Text != member || !IsDeclaration(tokens, i)) continue;
            int end = BodyEnd(tokens, i);
            int first = LineOf(lineStarts, tokens[DeclarationStart(tokens, i)].Start);
            first = IncludeDocAndAttributes(text, lineStarts, first);
            ranges.Add((first, LineOf(lineStarts, tokens[end].Start)));
        }
        return ranges.Where(r => !ranges.Any(o => o != r && o.Item1 <= r.Item1 && r.Item2 <= o.Item2)).Distinct().ToList();
    }

    private static bool IsDeclaration(List<CSharpToken> tokens, int i)
    {
        string prev = i > 0 ? tokens[i - 1].Text : "";
        if (TypeKeywords.Contains(prev)) return true;
        string next = i + 1 < tokens.Count ? tokens[i + 1].Text : "";
        string afterNext = i + 2 < tokens.Count ? tokens[i + 2].Text : "";
        bool shapedLikeMember = next is "(" or "<" or "{" || (next == "=" && afterNext == ">");
        if (!shapedLikeMember || i == 0) return false;
        var before = tokens[i - 1];
        if (before.Kind == TokenKind.Keyword) return BeforeName.Contains(before.Text);
        if (before.Kind == TokenKind.Identifier) return i < 2 || tokens[i - 2].Text != ".";
        if (before.Text == "?" || before.Text == "]") return true;
        return before.Text == ">" && ClosesGeneric(tokens, i - 1);
    }

    /// <summary>True if the '&gt;' at <paramref name="close"/> ends a type argument list such as <c>Matrix&lt;T&gt;</c>.</summary>
    private static bool ClosesGeneric(List<CSharpToken> tokens, int close)
    {
        int depth = 0;
        for (int j = close; j >= 0 && close - j < 40; j--)
        {
            string t = tokens[j].Text;
            if (t == ">") depth++;
            else if (t == "<" && --depth == 0) return j > 0 && tokens[j - 1].Kind == TokenKind.Identifier;
            else if (t is ";" or "{" or "}" or "=" or "&" or "|") return false;
        }
        return false;
    }

    /// <summary>The first token of the declaration: back over modifiers, return type and type parameters to the previous ';', '{', '}' or ']'.</summary>
    private static int DeclarationStart(List<CSharpToken> tokens, int name)
    {
        int j = name;
        while (j > 0 && tokens[j - 1].Text is not (";" or "{" or "}" or "]")) j--;
        return j;
    }

    /// <summary>The token that ends the declaration: its closing brace, or the ';' of an expression body or abstract member.</summary>
    private static int BodyEnd(List<CSharpToken> tokens, int name)
    {
        int parens = 0;
        for (int j = name + 1; j < tokens.Count; j++)
        {
            string t = tokens[j].Text;
            if (t is "(" or "[") parens++;
            else if (t is ")" or "]") parens--;
            else if (parens > 0) continue;
            else if (t == ";") return j;
            else if (t == "=" && j + 1 < tokens.Count && tokens[j + 1].Text == ">") return SemicolonAfter(tokens, j + 2);
            else if (t == "{")
            {
                int close = MatchingBrace(tokens, j);
                // An auto-property initialiser: `{ get; } = value;`
                return close + 1 < tokens.Count && tokens[close + 1].Text == "=" ? SemicolonAfter(tokens, close + 1) : close;
            }
        }
        return tokens.Count - 1;
    }

    private static int MatchingBrace(List<CSharpToken> tokens, int open)
    {
        int depth = 0;
        for (int j = open; j < tokens.Count; j++)
        {
            if (tokens[j].Text == "{") depth++;
            else if (tokens[j].Text == "}" && --depth == 0) return j;
        }
        return tokens.Count - 1;
    }

    private static int SemicolonAfter(List<CSharpToken> tokens, int from)
    {
        int depth = 0;
        for (int j = from; j < tokens.Count; j++)
        {
            string t = tokens[j].Text;
            if (t is "(" or "[" or "{") depth++;
            else if (t is ")" or "]" or "}") depth--;
            else if (t == ";" && depth <= 0) return j;
        }
        return tokens.Count - 1;
    }

    private static int IncludeDocAndAttributes(string text, List<int> lineStarts, int line)
    {
        while (line > 0)
        {
            string previous = LineText(text, lineStarts, line - 1).Trim();
            if (previous.StartsWith("///", StringComparison.Ordinal) || previous.StartsWith('[')) line--;
            else break;
        }
        return line;
    }

    internal static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++) if (text[i] == '\n') starts.Add(i + 1);
        return starts;
    }

    internal static int LineOf(List<int> lineStarts, int offset)
    {
        int index = lineStarts.BinarySearch(offset);
        return index >= 0 ? index : ~index - 1;
    }

    internal static string LineText(string text, List<int> lineStarts, int line)
    {
        int start = lineStarts[line];
        int end = line + 1 < lineStarts.Count ? lineStarts[line + 1] : text.Length;
        return text[start..end].TrimEnd('\r', '\n');
    }
}
