using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;
using XPlot.Plotly;

namespace NotebookNet.Interactive;

/// <summary>
/// What a notebook's kernel does for its cells, for the file-based apps generated from the notebooks
/// (<c>notebooks/apps/*.cs</c>, <c>dotnet run</c>, no notebook tool): text goes to the console as in a notebook, and the
/// rich outputs (charts, digit grids, confusion matrices) go to one offline HTML page whose path <see cref="End"/> prints.
/// </summary>
/// <remarks>A generated app calls <see cref="Begin"/>, then <c>display(…)</c> where a cell shows a value, then <see cref="End"/>.</remarks>
public static class NotebookApp
{
    private static readonly List<string> Figures = [];
    private static string _name = "cuaderno";
    private static string _pagePath = "";

    /// <summary>
    /// Runs the app in its notebook's folder (the parent of <c>apps/</c>), as the notebook runs in its own folder, so
    /// relative paths mean the same; the page goes to <c>artifacts/apps/</c> of the repository, or else next to the app.
    /// </summary>
    public static void Begin([CallerFilePath] string appSource = "")
    {
        if (string.IsNullOrEmpty(appSource) || !File.Exists(appSource))
            throw new InvalidOperationException($"NotebookApp.Begin: the app's source '{appSource}' is not on this machine; run the app from its .cs file.");
        string apps = Path.GetDirectoryName(Path.GetFullPath(appSource))!;
        _name = Path.GetFileNameWithoutExtension(appSource);
        string output = RepositoryFolder.Artifacts(apps, "apps") ?? apps;
        _pagePath = Path.Combine(output, _name + ".html");
        Figures.Clear();
        Environment.CurrentDirectory = Path.GetDirectoryName(apps)!;
        NotebookDisplay.Register();
    }

    /// <summary>Shows <paramref name="value"/> as a notebook cell would: rich values on the page, the rest as text.</summary>
#pragma warning disable IDE1006 // Named like the kernel's display(), so a cell's code reads the same in the app.
    public static void display(object? value)
#pragma warning restore IDE1006
    {
        switch (value)
        {
            case PlotlyChart chart:
                AddFigure(PlotlyHtml.Fragment(chart), "gráfico");
                break;
            case HtmlView view:
                AddFigure(view.ToHtml(), "figura");
                break;
            case null:
                Console.WriteLine("null");
                break;
            case string text:
                Console.WriteLine(text);
                break;
            default:
                Console.WriteLine(value.ToDisplayString(PlainTextFormatter.MimeType));
                break;
        }
    }

    /// <summary>Writes the page of rich outputs (when there were any) and prints its path.</summary>
    public static void End()
    {
        if (Figures.Count == 0) return;
        Directory.CreateDirectory(Path.GetDirectoryName(_pagePath)!);
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"es\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(_name)).Append("</title>\n</head>\n<body style=\"font-family: sans-serif\">\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(_name)).Append("</h1>\n")
            .Append(PlotlyLibrary.Script);
        for (int i = 0; i < Figures.Count; i++)
            page.Append("<section id=\"figura-").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\">\n")
                .Append(Figures[i]).Append("\n</section>\n");
        page.Append("</body>\n</html>\n");
        File.WriteAllText(_pagePath, page.ToString(), new UTF8Encoding(false));
        Console.WriteLine($"Página con {Figures.Count.ToString(CultureInfo.InvariantCulture)} figuras: {_pagePath}");
    }

    private static void AddFigure(string html, string kind)
    {
        Figures.Add(html);
        Console.WriteLine($"[{kind} {Figures.Count.ToString(CultureInfo.InvariantCulture)}: en la página HTML]");
    }
}
