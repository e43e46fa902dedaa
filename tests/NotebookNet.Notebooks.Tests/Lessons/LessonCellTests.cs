namespace NotebookNet.Notebooks.Tests;

/// <summary>
/// The teaching conventions every notebook's lesson cells keep: the document's code, short and readable, in the
/// notebook itself, never the library's engine listed as if it were the lesson.
/// </summary>
public sealed class LessonCellTests
{
    public static TheoryData<string> Notebooks() => [.. NotebookSeries.Names];

    [Fact]
    public void The_notebooks_that_teach_the_documents_classes_define_them_in_lesson_cells()
    {
        // 04 Layer/Dense, 05 activations, 06 losses, 07 predict/train/preprocess_data.
        foreach (string name in NotebookSeries.Names.Where(n => string.CompareOrdinal(n, "04") >= 0 && string.CompareOrdinal(n, "08") < 0))
            Assert.True(LessonRun.LessonCells(Path.Combine(NotebookSeries.Folder(), name)).Count >= 2,
                $"{name} should write the document's code in cells tagged \"{LessonRun.Tag}\".");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Lesson_cells_keep_their_lines_within_90_characters(string notebook)
    {
        foreach (string cell in LessonRun.LessonCells(Path.Combine(NotebookSeries.Folder(), notebook)))
            foreach (string line in cell.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
                Assert.True(line.Length <= 90, $"{notebook}: a lesson line has {line.Length} characters (at most 90): {line}");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_notebook_lists_the_librarys_engine_as_the_lesson(string notebook)
    {
        foreach (var cell in NotebookSeries.Cells(notebook).Where(c => c.Kind == "code"))
            foreach (string engine in new[] { "Source.Show(\"Kernels/", "Source.Show(\"Layers/Convolution/", "Source.Show(\"Layers/Dense.cs" })
                Assert.False(cell.Source.Contains(engine, StringComparison.Ordinal),
                    $"{notebook} shows library internals ({engine}…) where the lesson should be the notebook's own code.");
    }
}
