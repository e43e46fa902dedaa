using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookNet.Notebooks;

/// <summary>
/// A notebook as a .NET 10 file-based app (<c>dotnet run notebooks/apps/NN-Name.cs</c>): the prose as comments, the
/// cells' code in order as top-level statements, and every value a cell shows passed to <c>display(…)</c>
/// (NotebookNet.Interactive's NotebookApp: text to the console, charts and pictures to one offline HTML page).
/// </summary>
/// <remarks>
/// What differs between a kernel's submissions and one C# file is rewritten: <c>#r "nuget: X, V"</c> becomes
/// <c>#:package X</c> (the version is the repository's, Directory.Packages.props), the <c>#r</c> of the built library
/// becomes one <c>#:project</c>, every <c>using</c> moves to the top, a cell's trailing expression (shown by the
/// kernel) becomes <c>display(expression);</c>, and type declarations move after the statements.
/// </remarks>
public static partial class AppTwin
{
    private const string InteractiveProject = "../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj";

    /// <summary>The app's text for the notebook at <paramref name="ipynbPath"/> (LF line ends).</summary>
    public static string FromNotebook(string ipynbPath)
    {
        var document = DibTwin.Read(ipynbPath);
        string name = Path.GetFileNameWithoutExtension(ipynbPath);
        var packages = new List<string>();
        var usings = new List<string>();
        var body = new StringBuilder();
        var types = new StringBuilder();
        int cell = 0;
        foreach (var element in document.Elements)
        {
            cell++;
            if (string.IsNullOrWhiteSpace(element.Contents)) continue;
            body.Append("\n// ── celda ").Append(cell).Append(" ──\n");
            if (element.KernelName == "markdown")
            {
                foreach (string line in Lines(element.Contents)) body.Append(line.Length == 0 ? "//" : "// " + line).Append('\n');
                continue;
            }
            if (element.KernelName != "csharp")
                throw new InvalidDataException($"{ipynbPath}: cell {cell} is '{element.KernelName}', and an app runs C# only.");
            AppendCode(ipynbPath, cell, element.Contents, packages, usings, body, types);
        }

        var app = new StringBuilder();
        app.Append("// ").Append(name).Append(".ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:\n")
            .Append("//     dotnet run notebooks/apps/").Append(name).Append(".cs\n")
            .Append("// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.\n")
            .Append("// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).\n")
            .Append("#:project ").Append(InteractiveProject).Append('\n');
        foreach (string package in packages.Distinct(StringComparer.Ordinal)) app.Append("#:package ").Append(package).Append('\n');
        // JIT as in the kernel: a file-based app defaults to native AOT settings (no dynamic code) otherwise.
        app.Append("#:property PublishAot=false\n\n");
        foreach (string u in usings.Append("using static NotebookNet.Interactive.NotebookApp;").Distinct(StringComparer.Ordinal)) app.Append(u).Append('\n');
        app.Append("\nNotebookNet.Interactive.NotebookApp.Begin();\n").Append(body).Append("\nNotebookNet.Interactive.NotebookApp.End();\n");
        if (types.Length > 0) app.Append("\n// ── tipos declarados en las celdas ──\n").Append(types);
        return app.ToString();
    }

    private static void AppendCode(string ipynbPath, int cell, string code, List<string> packages, List<string> usings, StringBuilder body, StringBuilder types)
    {
        var kept = new StringBuilder();
        foreach (string line in Lines(code))
        {
            var reference = Reference().Match(line);
            if (!reference.Success) { kept.Append(line).Append('\n'); continue; }
            var nuget = NuGet().Match(reference.Groups["path"].Value);
            if (nuget.Success) packages.Add(nuget.Groups["id"].Value);
            else if (!reference.Groups["path"].Value.Contains("/bin/", StringComparison.Ordinal))
                throw new InvalidDataException($"{ipynbPath}: cell {cell} references '{reference.Groups["path"].Value}', which is neither a NuGet package nor the built library.");
        }

        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(kept.ToString(), new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot();
        var errors = root.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidDataException($"{ipynbPath}: cell {cell} does not parse: {errors[0]}");
        usings.AddRange(root.Usings.Select(u => u.ToString().Trim()));
        for (int i = 0; i < root.Members.Count; i++)
        {
            var member = root.Members[i];
            string text = member.ToFullString();
            if (member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax) { types.Append(text.Trim('\n')).Append('\n'); continue; }
            if (i == root.Members.Count - 1 && member is GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } shown })
                text = shown.Expression.GetLeadingTrivia().ToFullString() + "display(" + shown.Expression.WithoutTrivia() + ");\n";
            body.Append(i == 0 ? text.TrimStart('\n') : text);
        }
        if (body.Length > 0 && body[^1] != '\n') body.Append('\n');
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    [GeneratedRegex(@"^\s*#r\s+""(?<path>[^""]+)""\s*$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^nuget:\s*(?<id>[A-Za-z0-9_.-]+)\s*(,\s*(?<version>[^,\s]+))?\s*$")]
    private static partial Regex NuGet();
}
