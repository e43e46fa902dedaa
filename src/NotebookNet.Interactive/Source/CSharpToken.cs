namespace NotebookNet.Interactive.SourceCode;

/// <summary>What a piece of C# text is, as far as colouring and brace matching need to know.</summary>
internal enum TokenKind { Whitespace, Comment, DocComment, String, Char, Number, Keyword, Identifier, Punctuation, Preprocessor }

/// <summary>A span of the source: <c>Text</c> is exactly the characters at <c>Start</c>.</summary>
internal readonly record struct CSharpToken(TokenKind Kind, int Start, string Text)
{
    public int End => Start + Text.Length;
}
