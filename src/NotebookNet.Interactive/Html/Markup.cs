using System.Globalization;

namespace NotebookNet.Interactive;

/// <summary>HTML text and numbers, the same under every culture (es-ES would otherwise print "0,5").</summary>
internal static class Markup
{
    /// <summary>Escapes only what HTML needs (&amp;, &lt;, &gt;, quotes); "época" stays readable in the page source.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("&<>\"'") < 0) return text ?? "";
        var result = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
            result.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return result.ToString();
    }

    public static string Number(double value, string format = "0.####") =>
        double.IsNaN(value) ? "NaN" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => Number(100 * fraction, "0.00") + " %";

    /// <summary>Elapsed time as "42.1 s" or "3 min 05 s".</summary>
    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 60
            ? Number(t.TotalSeconds, "0.0") + " s"
            : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes} min {t.Seconds:00} s");

    public static string Heading(string? title) =>
        string.IsNullOrEmpty(title) ? "" : $"<div style=\"font-weight:600;margin:4px 0 6px\">{Encode(title)}</div>";
}
