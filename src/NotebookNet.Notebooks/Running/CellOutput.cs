namespace NotebookNet.Notebooks;

/// <summary>
/// One output of a code cell: its formatted values by MIME type (<c>text/html</c>, <c>text/plain</c>,
/// <c>image/png</c> as base64, …). Stream outputs hold their text under <c>text/plain</c>.
/// </summary>
public sealed class CellOutput
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Png = "image/png";

    public CellOutput(OutputKind kind, IReadOnlyDictionary<string, string> data, string? displayId = null,
        string? errorName = null, string? traceback = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Kind = kind;
        Data = data;
        DisplayId = displayId;
        ErrorName = errorName;
        Traceback = traceback;
    }

    public OutputKind Kind { get; }

    /// <summary>Formatted values by MIME type, in the order the kernel produced them.</summary>
    public IReadOnlyDictionary<string, string> Data { get; }

    /// <summary>The kernel's display id of a <see cref="OutputKind.Display"/> output (what updates refer to).</summary>
    public string? DisplayId { get; }

    /// <summary>The exception type (or <c>CompilationError</c>) of an <see cref="OutputKind.Error"/> output.</summary>
    public string? ErrorName { get; }

    /// <summary>The stack trace of an <see cref="OutputKind.Error"/> output caused by an exception.</summary>
    public string? Traceback { get; }

    /// <summary>The <c>text/plain</c> value, or null when the output has none.</summary>
    public string? Text => Data.GetValueOrDefault(PlainText);

    public static CellOutput Stream(OutputKind kind, string text) =>
        new(kind, new Dictionary<string, string> { [PlainText] = text });

    public override string ToString() => $"{Kind}: {string.Join(", ", Data.Keys)}";
}
