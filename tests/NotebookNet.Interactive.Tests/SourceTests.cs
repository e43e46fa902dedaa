using NotebookNet.Interactive.SourceCode;

namespace NotebookNet.Interactive.Tests;

public class SourceTests
{
    [Fact]
    public void Whole_file_is_found_from_the_repository_and_highlighted()
    {
        var view = Source.Show("Layers/Dense.cs");
        Assert.Equal("src/NotebookNet/Layers/Dense.cs", view.Path);
        Assert.Contains("class Dense", view.Text);
        Assert.Equal(File.ReadAllText(Path.Combine(Source.RepositoryRoot(), "src/NotebookNet/Layers/Dense.cs")).Replace("\r\n", "\n").TrimEnd('\n'), view.Text);

        string html = view.ToHtml();
        Assert.Contains("<pre", html);
        Assert.Contains("<code class=\"language-csharp\"", html);
        Assert.Contains("<span style=\"color:#0000ff\">class</span>", html);
        Assert.Contains("Dense", html);
        Assert.DoesNotContain("http", html);
    }

    [Fact]
    public void One_member_is_cut_out_with_its_doc_comment_and_all_overloads()
    {
        var forward = Source.Show("Layers/Dense.cs", "Forward");
        Assert.Single(forward.Excerpts);
        Assert.StartsWith("public override Matrix<T> Forward(Matrix<T> input)", forward.Text.TrimStart());
        Assert.EndsWith("}", forward.Text);
        Assert.DoesNotContain("Backward", forward.Text);

        var type = Source.Show("Layers/Dense.cs", "Dense");
        Assert.Single(type.Excerpts);
        Assert.StartsWith("/// <summary>", type.Text);
        Assert.Contains("public sealed class Dense<T>", type.Text);
        Assert.Contains("public Dense(int inputSize", type.Text);
    }

    [Fact]
    public void Line_numbers_are_the_files_own()
    {
        var lines = File.ReadAllLines(Path.Combine(Source.RepositoryRoot(), "src/NotebookNet/Layers/Dense.cs"));
        int declaration = Array.FindIndex(lines, l => l.Contains("Matrix<T> Forward(")) + 1;
        var view = Source.Show("Layers/Dense.cs", "Forward");
        Assert.Equal(declaration, view.Excerpts[0].FirstLine);
        Assert.Contains($">{declaration}</span>", view.ToHtml());
    }

    [Fact]
    public void Missing_file_or_member_is_named()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Source.Show("Layers/Nope.cs"));
        Assert.Contains("src/NotebookNet/Layers/Nope.cs", e.Message);
        var m = Assert.Throws<ArgumentException>(() => Source.Show("Layers/Dense.cs", "Nope"));
        Assert.Contains("'Nope'", m.Message);
        Assert.Contains("Dense.cs", m.Message);
        Assert.Throws<ArgumentException>(() => Source.Show("../secret.cs"));
    }

    [Fact]
    public void Tokenizer_keeps_comment_markers_inside_strings_and_strings_inside_comments()
    {
        const string code = "var s = \"// not a comment\"; // a \"comment\"\nvar v = @\"C:\\x\"\"y\"; var r = \"\"\"raw \" text\"\"\"; char c = '\\'';";
        var tokens = CSharpTokenizer.Tokenize(code).Where(t => t.Kind != TokenKind.Whitespace).ToList();
        Assert.Equal(["\"// not a comment\"", "@\"C:\\x\"\"y\"", "\"\"\"raw \" text\"\"\""],
            tokens.Where(t => t.Kind == TokenKind.String).Select(t => t.Text));
        Assert.Equal(["// a \"comment\""], tokens.Where(t => t.Kind == TokenKind.Comment).Select(t => t.Text));
        Assert.Equal(["'\\''"], tokens.Where(t => t.Kind == TokenKind.Char).Select(t => t.Text));
        Assert.Equal(code, string.Concat(CSharpTokenizer.Tokenize(code).Select(t => t.Text)));
    }

    [Fact]
    public void Member_locator_ignores_calls_and_braces_in_strings()
    {
        const string code = """
            class A
            {
                /// <summary>Doc.</summary>
                [Obsolete]
                public int Run(int x)
                {
                    var s = "}";
                    return Run(x - 1) + new A().Run(0);
                }

                public int Run() => Run(1);

                int Other() { return Run(); }
            }
            """;
        var ranges = MemberLocator.Find(code, "Run");
        Assert.Equal([(2, 8), (10, 10)], ranges); // 0-based lines: doc comment to closing brace; the expression body
    }
}
