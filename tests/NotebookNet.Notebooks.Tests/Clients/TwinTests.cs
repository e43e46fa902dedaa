using Microsoft.DotNet.Interactive.Documents;

namespace NotebookNet.Notebooks.Tests;

/// <summary>The .dib twins and the file-based apps are generated from the .ipynb (`notebooknet twins`) and committed.</summary>
public sealed class TwinTests
{
    [Fact]
    public void Every_dib_and_app_is_what_the_notebooks_generate()
    {
        var stale = NotebookTwins.Stale(NotebookSeries.Folder());
        Assert.True(stale.Count == 0,
            "Stale twins (regenerate with `dotnet run --project src/NotebookNet.Cli -c Release -- twins`):\n" + string.Join("\n", stale));
    }

    [Theory, MemberData(nameof(ClientExpectations.Notebooks), MemberType = typeof(ClientExpectations))]
    public void The_dib_has_the_notebooks_cells_one_for_one(string notebook)
    {
        string ipynb = Path.Combine(NotebookSeries.Folder(), notebook);
        var cells = NotebookSeries.Cells(notebook);
        var dib = CodeSubmission.Parse(File.ReadAllText(Path.ChangeExtension(ipynb, ".dib")), DibTwin.Kernels());
        var elements = dib.Elements.Where(e => e.Contents.Trim().Length > 0).ToList();
        var expected = cells.Where(c => c.Source.Trim().Length > 0).ToList();
        Assert.Equal(expected.Count, elements.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Kind == "markdown" ? "markdown" : "csharp", elements[i].KernelName);
            Assert.Equal(expected[i].Source.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(), elements[i].Contents.Trim());
        }
    }

    [Fact]
    public void An_app_turns_a_cells_shown_value_into_display_and_hoists_usings_and_types()
    {
        using var workspace = new NotebookWorkspace();
        string notebook = workspace.Notebook("twin.ipynb");
        WriteNotebook(notebook,
            ("markdown", "# Título\n\nTexto."),
            ("code", "#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"../lib/bin/Release/NotebookNet.dll\"\nusing System.Text;\nrecord Punto(int X, int Y);\nvar p = new Punto(1, 2);\np.X + p.Y"),
            ("code", "Console.WriteLine(p); // sin valor mostrado"));
        string app = AppTwin.FromNotebook(notebook);

        Assert.Contains("#:package MathNet.Numerics\n", app);
        Assert.Contains("#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj\n", app);
        Assert.DoesNotContain("#r ", app);
        Assert.Contains("// # Título\n//\n// Texto.\n", app);
        Assert.Contains("display(p.X + p.Y);", app);
        Assert.Contains("Console.WriteLine(p); // sin valor mostrado", app);
        Assert.DoesNotContain("display(Console", app);
        int usingAt = app.IndexOf("using System.Text;", StringComparison.Ordinal), begin = app.IndexOf("NotebookApp.Begin();", StringComparison.Ordinal);
        int end = app.IndexOf("NotebookApp.End();", StringComparison.Ordinal), type = app.IndexOf("record Punto(int X, int Y);", StringComparison.Ordinal);
        Assert.True(usingAt >= 0 && usingAt < begin && begin < end && end < type, "usings, then statements, then types");
    }

    [Fact]
    public void A_cell_that_references_another_dll_is_refused_with_its_notebook_and_cell()
    {
        using var workspace = new NotebookWorkspace();
        string notebook = workspace.Notebook("otra.ipynb");
        NotebookJson.Write(notebook, "#r \"/opt/otra.dll\"\n1");
        var error = Assert.Throws<InvalidDataException>(() => AppTwin.FromNotebook(notebook));
        Assert.Contains("otra.ipynb: cell 1", error.Message);
        Assert.Contains("/opt/otra.dll", error.Message);
    }

    private static void WriteNotebook(string path, params (string Kind, string Source)[] cells)
    {
        var array = new System.Text.Json.Nodes.JsonArray();
        foreach (var (kind, source) in cells)
        {
            var cell = new System.Text.Json.Nodes.JsonObject { ["cell_type"] = kind, ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["source"] = source };
            if (kind == "code") { cell["execution_count"] = null; cell["outputs"] = new System.Text.Json.Nodes.JsonArray(); }
            array.Add(cell);
        }
        var notebook = new System.Text.Json.Nodes.JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        File.WriteAllText(path, notebook.ToJsonString());
    }
}
