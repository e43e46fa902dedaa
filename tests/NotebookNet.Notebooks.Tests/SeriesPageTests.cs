using System.Text.Json;

namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// The series' exported pages as a student's browser shows them at 1280 px: nothing scrolls sideways and no markdown
/// list item is shown as a code block. Part of <see cref="NotebookSeriesRunTests"/> so the series runs once.
/// </summary>
public sealed partial class NotebookSeriesRunTests
{
    // Every output, code block, table and cell is measured, with every <details> open (scrollWidth counts content that spills out of an element
    // with visible overflow too), and the page itself. A markdown code block whose text starts like a list item is
    // a list that lost its formatting (the usual cause: indented lines after a $$ block).
    private const string LayoutScript = """
        window.addEventListener('load', function () {
            setTimeout(function () {
                // Solutions are measured open, as a student who unfolds them sees them.
                document.querySelectorAll('details').forEach(function (d) { d.open = true; });
                function describe(e) {
                    return e.tagName.toLowerCase() + '.' + String(e.className || '').replace(/\s+/g, '.') + ' (' +
                        e.scrollWidth + ' > ' + e.clientWidth + ' px): ' + (e.textContent || '').trim().slice(0, 70);
                }
                var sideways = [];
                document.querySelectorAll('main, .cell, pre, .outputs, .output, .output > *, .cell.markdown table')
                    .forEach(function (e) {
                        if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) sideways.push(describe(e));
                    });
                var page = document.documentElement;
                if (page.scrollWidth > window.innerWidth + 1)
                    sideways.push('the page (' + page.scrollWidth + ' > ' + window.innerWidth + ' px)');
                var listsAsCode = [];
                document.querySelectorAll('.cell.markdown pre').forEach(function (e) {
                    if (/^\s*([*+-]|\d+\.)\s+\S/.test(e.textContent)) listsAsCode.push(e.textContent.trim().slice(0, 70));
                });
                var pre = document.createElement('pre');
                pre.id = 'nn-check';
                pre.textContent = JSON.stringify({ width: window.innerWidth, sideways: sideways, listsAsCode: listsAsCode });
                document.body.appendChild(pre);
            }, 500);
        });
        """;

    [Fact]
    public void Every_exported_page_fits_1280_px_and_shows_no_list_item_as_a_code_block()
    {
        string folder = Directory.CreateTempSubdirectory("notebooknet-series-pages-").FullName;
        try
        {
            var problems = new List<string>();
            foreach (var page in new NotebookExporter(folder).ExportAll(runs.Results))
            {
                var report = Chromium.Open(page.HtmlPath, LayoutScript, folder).Report;
                Assert.Equal(1280, report.GetProperty("width").GetInt32());
                string name = page.Result.FileName;
                problems.AddRange(Strings(report.GetProperty("sideways")).Select(s => $"{name}: scrolls sideways: {s}"));
                problems.AddRange(Strings(report.GetProperty("listsAsCode")).Select(s => $"{name}: list item shown as code: {s}"));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "");
}
