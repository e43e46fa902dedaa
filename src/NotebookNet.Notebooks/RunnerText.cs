using System.Globalization;

namespace NotebookNet.Notebooks;

/// <summary>
/// Every word the runner itself shows a student (its console table, the index and the notebook pages), in Spanish
/// like the notebooks; one place, so the pages and the console say the same thing.
/// </summary>
internal static class RunnerText
{
    public const string Ok = "correcto";
    public const string Failed = "falló";
    public const string NotRun = "no ejecutada";
    public const string Index = "Índice";
    public const string Notebooks = "Cuadernos";
    public const string ExecutedNotebooks = "Cuadernos ejecutados";
    public const string ExecutedIpynb = ".ipynb ejecutado";
    public const string Notebook = "cuaderno";
    public const string File = "archivo";
    public const string Cells = "celdas";
    public const string Seconds = "segundos";
    public const string KernelSeconds = "núcleo s";
    public const string Status = "estado";
    public const string Total = "total";
    public const string Footer = "Ejecutado por NotebookNet.Notebooks con el núcleo C# de .NET Interactive.";

    /// <summary>"falló en la celda 3".</summary>
    public static string FailedAtCell(int cell) => $"{Failed} en la celda {cell.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"La celda 3 falló".</summary>
    public static string CellFailed(int cell) => $"La celda {cell.ToString(CultureInfo.InvariantCulture)} {Failed}";

    /// <summary>"9 de 10 correctos".</summary>
    public static string OkOf(int ok, int all) =>
        $"{ok.ToString(CultureInfo.InvariantCulture)} de {all.ToString(CultureInfo.InvariantCulture)} {(all == 1 ? Ok : Ok + "s")}";

    /// <summary>Capitalized for a column header or a title.</summary>
    public static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
