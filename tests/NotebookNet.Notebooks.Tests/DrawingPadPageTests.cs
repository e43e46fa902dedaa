using NotebookNet.Drawing;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// The drawing pad in a notebook run headless and exported as the series' pages are: its script runs in the exported
/// page, offline, and a digit drawn there gets the library's input and answer.
/// </summary>
[Collection(NotebookCollection.Name)]
public sealed class DrawingPadPageTests(FixtureRuns runs)
{
    [Fact]
    public async Task PadInAnExportedNotebook_AnswersAsTheLibrary_Offline()
    {
        File.Copy(Path.Combine(AppContext.BaseDirectory, "NotebookNet.Interactive.dll"), Path.Combine(runs.Workspace.Lib, "NotebookNet.Interactive.dll"), overwrite: true);
        string notebook = NotebookJson.Write(runs.Workspace.Notebook("pad.ipynb"),
            "#r \"../lib/NotebookNet.dll\"\n#r \"../lib/NotebookNet.Interactive.dll\"",
            "using NotebookNet;\nusing NotebookNet.Interactive;\n\nViews.DrawingPad(Models.SmallCnn(new Rng(7)), \"Dibuja un dígito\")");

        var result = await new NotebookRunner().RunAsync(notebook);
        Assert.True(result.Succeeded, result.Failure?.ToString());
        string html = runs.Exporter.Export(result).HtmlPath;

        List<List<(double X, double Y)>> seven = [[(60, 50), (220, 50), (120, 250)], [(100, 150), (190, 150)]];
        string script = $$"""
            window.addEventListener('load', function () {
              var root = document.querySelector('.notebooknet-drawing-pad-body'), canvas = root.querySelector('canvas');
              function fire(type, x, y) {
                var rect = canvas.getBoundingClientRect();
                canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerId: 1, pointerType: 'mouse',
                  isPrimary: true, buttons: type === 'pointerup' ? 0 : 1,
                  clientX: rect.left + canvas.clientLeft + x * canvas.clientWidth / canvas.width,
                  clientY: rect.top + canvas.clientTop + y * canvas.clientHeight / canvas.height }));
              }
              {{DrawnDigit.FormatStrokes(seven)}}.forEach(function (s) {
                fire('pointerdown', s[0], s[1]);
                for (var i = 2; i < s.length; i += 2) fire('pointermove', s[i], s[i + 1]);
                fire('pointerup', s[s.length - 2], s[s.length - 1]);
              });
              var pre = document.createElement('pre'); pre.id = 'nn-check';
              pre.textContent = JSON.stringify({ strokes: root.notebookNetPad.strokes, input: Array.from(root.notebookNetPad.input), shown: root.getAttribute('data-winner') });
              document.body.appendChild(pre);
            });
            """;
        var page = Chromium.Open(html, script, runs.Workspace.Root);

        // The page keeps the points as it read them from the events: the drawn ones, up to the page's sub-pixel layout.
        var recorded = DrawnDigit.ParseStrokes(page.Report.GetProperty("strokes").GetRawText());
        Assert.Equal(seven.Select(s => s.Count), recorded.Select(s => s.Count));
        Assert.All(seven.Zip(recorded).SelectMany(s => s.First.Zip(s.Second)),
            p => Assert.True(Math.Abs(p.First.X - p.Second.X) < 1e-6 && Math.Abs(p.First.Y - p.Second.Y) < 1e-6, $"drawn {p.First}, recorded {p.Second}"));

        var input = page.Report.GetProperty("input").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(DrawnDigit.Preprocess(recorded), input);
        var logits = Models.SmallCnn(new Rng(7)).Predict(DrawnDigit.Column<float>(recorded));
        int winner = Enumerable.Range(0, 10).MaxBy(i => logits[i, 0]);
        Assert.Equal(winner.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Report.GetProperty("shown").GetString());
        Assert.Empty(page.NetworkRequests);
    }
}
