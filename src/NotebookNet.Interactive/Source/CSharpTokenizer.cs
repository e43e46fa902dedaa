namespace NotebookNet.Interactive.SourceCode;

/// <summary>
/// A small C# lexer: comments, strings (regular, verbatim, interpolated, raw), characters, numbers, keywords,
/// identifiers and punctuation. It is not a parser; it only has to be right about where strings and comments start and
/// end, so that colours and brace matching never go astray.
/// </summary>
internal static class CSharpTokenizer
{
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
        // contextual keywords that read as keywords in this code base
        "var", "record", "where", "get", "set", "init", "value", "yield", "async", "await", "nameof", "partial", "when",
        "and", "or", "not", "with", "required", "file", "scoped", "dynamic", "global", "notnull", "unmanaged", "nint", "nuint",
    };

    public static List<CSharpToken> Tokenize(string text)
    {
        var tokens = new List<CSharpToken>();
        int i = 0, n = text.Length;
        bool lineStart = true;
        while (i < n)
        {
            int start = i;
            char c = text[i];
            TokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < n && char.IsWhiteSpace(text[i])) { if (text[i] == '\n') lineStart = true; i++; }
                tokens.Add(new(TokenKind.Whitespace, start, text[start..i]));
                continue;
            }
            if (c == '/' && Peek(text, i + 1) == '/')
            {
                kind = Peek(text, i + 2) == '/' && Peek(text, i + 3) != '/' ? TokenKind.DocComment : TokenKind.Comment;
                i = LineEnd(text, i);
            }
            else if (c == '/' && Peek(text, i + 1) == '*')
            {
                int close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? n : close + 2;
                kind = TokenKind.Comment;
            }
            else if (c == '#' && lineStart)
            {
                i = LineEnd(text, i);
                kind = TokenKind.Preprocessor;
            }
            else if (IsStringStart(text, i, out int prefix, out bool verbatim, out int quotes))
            {
                i = quotes >= 3 ? RawStringEnd(text, i + prefix, quotes) : StringEnd(text, i + prefix + 1, verbatim);
                kind = TokenKind.String;
            }
            else if (c == '\'')
            {
                i++;
                while (i < n && text[i] != '\'' && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
                i = Math.Min(n, i + 1);
                kind = TokenKind.Char;
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(Peek(text, i + 1))))
            {
                while (i < n && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.' ||
                                 ((text[i] == '+' || text[i] == '-') && (text[i - 1] is 'e' or 'E') && !text[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
                {
                    if (text[i] == '.' && !char.IsDigit(Peek(text, i + 1))) break;
                    i++;
                }
                kind = TokenKind.Number;
            }
            else if (char.IsLetter(c) || c == '_' || (c == '@' && (char.IsLetter(Peek(text, i + 1)) || Peek(text, i + 1) == '_')))
            {
                i++;
                while (i < n && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                kind = Keywords.Contains(text[start..i]) ? TokenKind.Keyword : TokenKind.Identifier;
            }
            else
            {
                i++;
                kind = TokenKind.Punctuation;
            }
            lineStart = false;
            tokens.Add(new(kind, start, text[start..i]));
        }
        return tokens;
    }

    private static char Peek(string text, int i) => i < text.Length ? text[i] : '\0';

    private static int LineEnd(string text, int i)
    {
        int end = text.IndexOf('\n', i);
        end = end < 0 ? text.Length : end;
        return end > i && text[end - 1] == '\r' ? end - 1 : end;
    }

    /// <summary>Recognises <c>"</c>, <c>@"</c>, <c>$"</c>, <c>$@"</c>, <c>@$"</c>, <c>"""</c>, <c>$$"""</c>, …</summary>
    private static bool IsStringStart(string text, int i, out int prefix, out bool verbatim, out int quotes)
    {
        prefix = 0;
        verbatim = false;
        while (i + prefix < text.Length && (text[i + prefix] == '$' || text[i + prefix] == '@'))
        {
            verbatim |= text[i + prefix] == '@';
            prefix++;
        }
        quotes = 0;
        while (i + prefix + quotes < text.Length && text[i + prefix + quotes] == '"') quotes++;
        if (quotes == 0) return false;
        if (quotes == 2) quotes = 1; // "" is an empty regular string
        return true;
    }

    private static int StringEnd(string text, int i, bool verbatim)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (!verbatim && c == '\\') { i += 2; continue; }
            if (!verbatim && c == '\n') return i;
            if (c == '"')
            {
                if (verbatim && Peek(text, i + 1) == '"') { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return text.Length;
    }

    private static int RawStringEnd(string text, int i, int quotes)
    {
        var fence = new string('"', quotes);
        int close = text.IndexOf(fence, i + quotes, StringComparison.Ordinal);
        if (close < 0) return text.Length;
        close += quotes;
        while (close < text.Length && text[close] == '"') close++;
        return close;
    }
}
