using System.Net;
using System.Text.RegularExpressions;

namespace NotebookNet.Notebooks;

/// <summary>
/// Rewrites every <c>&lt;img src="relative/path"&gt;</c> in a piece of HTML into a data: URI read from the notebook's
/// folder, so the page shows its pictures wherever it is opened. Absolute URLs and data: URIs are left alone; a
/// relative picture that does not exist is reported, not hidden.
/// </summary>
internal sealed partial class ImageEmbedder(string baseDirectory)
{
    private readonly List<string> _missing = [];

    /// <summary>Relative picture paths that were referenced but not found.</summary>
    public IReadOnlyList<string> Missing => _missing;

    public string Embed(string html) => ImageSource().Replace(html, match =>
    {
        string source = WebUtility.HtmlDecode(match.Groups["src"].Value).Trim();
        if (source.Length == 0 || UriScheme().IsMatch(source) || source.StartsWith("//", StringComparison.Ordinal))
            return match.Value;

        string relative = Uri.UnescapeDataString(source.Split('?', '#')[0]);
        string path = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        if (!File.Exists(path))
        {
            _missing.Add(relative);
            return match.Value;
        }
        return match.Groups["head"].Value + match.Groups["quote"].Value + DataUri.FromFile(path) + match.Groups["quote"].Value;
    });

    [GeneratedRegex(@"(?<head><img\b[^>]*?\bsrc\s*=\s*)(?<quote>[""'])(?<src>.*?)\k<quote>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ImageSource();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();
}
