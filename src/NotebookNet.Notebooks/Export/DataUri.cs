namespace NotebookNet.Notebooks;

/// <summary>Local files as data: URIs, so an exported page carries its pictures inside itself.</summary>
internal static class DataUri
{
    private static readonly Dictionary<string, string> MimeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".svg"] = "image/svg+xml",
        [".webp"] = "image/webp",
        [".bmp"] = "image/bmp",
        [".ico"] = "image/x-icon",
    };

    public static string? MimeTypeOf(string path) => MimeTypes.GetValueOrDefault(Path.GetExtension(path));

    public static string FromFile(string path)
    {
        string mime = MimeTypeOf(path) ?? "application/octet-stream";
        return FromBase64(mime, Convert.ToBase64String(File.ReadAllBytes(path)));
    }

    public static string FromBase64(string mimeType, string base64) =>
        $"data:{mimeType};base64,{string.Concat(base64.Where(c => !char.IsWhiteSpace(c)))}";
}
