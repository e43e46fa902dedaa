using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookNet.Notebooks;

/// <summary>
/// Runs a Polyglot (.NET Interactive) C# notebook in this process, on the same C# kernel the editor uses: one fresh
/// kernel per notebook, cells in order, with the current directory set to the notebook's folder. Every cell's outputs
/// are collected (display values by MIME type, return values, standard output and error); the first cell that fails
/// (compile error or exception) stops the notebook and is named in <see cref="NotebookRunResult.Failure"/>.
/// </summary>
/// <remarks>
/// Runs are serialized process-wide (the current directory and culture are process state). Formatters a notebook
/// registers stay registered for later notebooks: assemblies load once per process, so a library that registers its
/// formatters when loaded would not get a second chance after a reset.
/// </remarks>
public sealed class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private readonly NotebookRunnerOptions _options;

    public NotebookRunner(NotebookRunnerOptions? options = null) => _options = options ?? new NotebookRunnerOptions();

    /// <summary>Runs one notebook. Throws only when the file cannot be read; cell failures are in the result.</summary>
    public async Task<NotebookRunResult> RunAsync(string notebookPath, CancellationToken cancellationToken = default)
    {
        string path = Path.GetFullPath(notebookPath);
        var (json, document, cells) = NotebookReader.Read(path);
        var result = new NotebookRunResult(path, json, document, cells);

        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        Log($"{result.FileName}: running {result.Cells.Count(c => c.Kind == CellKind.Code).ToString(CultureInfo.InvariantCulture)} code cells");
        var total = Stopwatch.StartNew();
        try
        {
            using var environment = new RunEnvironment(Path.GetDirectoryName(path)!, _options.Culture);
            var startup = Stopwatch.StartNew();
            using var kernel = KernelFactory.Create();
            result.KernelStartup = startup.Elapsed;
            await RunCellsAsync(kernel, result, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            OneAtATime.Release();
        }
        result.Elapsed = total.Elapsed;
        FillDocument(result);
        Log($"{result.FileName}: {(result.Succeeded ? "ok" : "FAILED")} in {Seconds(result.Elapsed)} s " +
            $"(kernel start {Seconds(result.KernelStartup)} s)" + (result.Failure is { } f ? $": {f}" : ""));
        return result;
    }

    /// <summary>Runs notebooks one after the other (every one, even after a failure).</summary>
    public async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IEnumerable<string> notebookPaths, CancellationToken cancellationToken = default)
    {
        var results = new List<NotebookRunResult>();
        foreach (string path in notebookPaths) results.Add(await RunAsync(path, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task RunCellsAsync(CompositeKernel kernel, NotebookRunResult result, CancellationToken cancellationToken)
    {
        var collector = new OutputCollector();
        int executionCount = 0;
        foreach (var cell in result.Cells)
        {
            if (cell.Kind != CellKind.Code || string.IsNullOrWhiteSpace(cell.Source)) continue;
            cancellationToken.ThrowIfCancellationRequested();

            var watch = Stopwatch.StartNew();
            var command = new SubmitCode(cell.Source, cell.KernelName);
            KernelCommandResult commandResult = await kernel.SendAsync(command, cancellationToken).ConfigureAwait(false);
            cell.Elapsed = watch.Elapsed;
            cell.Executed = true;
            cell.ExecutionCount = ++executionCount;

            CommandFailed? failed = null;
            foreach (var kernelEvent in commandResult.Events)
            {
                if (kernelEvent is CommandFailed f) failed ??= f;
                else collector.Add(cell, kernelEvent);
            }
            Log($"  cell {cell.Number.ToString(CultureInfo.InvariantCulture)} {Seconds(cell.Elapsed)} s: {Shorten(cell.FirstLine)}");

            if (failed is not null)
            {
                var (name, message, trace) = Describe(failed);
                cell.Failed = true;
                cell.OutputList.Add(new CellOutput(OutputKind.Error,
                    new Dictionary<string, string> { [CellOutput.PlainText] = message }, errorName: name, traceback: trace));
                result.Failure = new CellFailure(result.NotebookPath, cell.Number, cell.FirstLine, name, message);
                return;
            }
        }
    }

    private static (string Name, string Message, string Trace) Describe(CommandFailed failed)
    {
        var exception = failed.Exception;
        if (exception is null || exception.GetType().Name.Contains("CompilationError", StringComparison.Ordinal))
        {
            string kind = exception is null ? "Error" : "CompilationError";
            return (kind, (failed.Message ?? exception?.Message ?? "unknown error").Trim().Replace("\r\n", "\n"), "");
        }
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerException!;
        return (exception.GetType().Name, exception.Message.Trim(), (exception.StackTrace ?? "").Replace("\r\n", "\n"));
    }

    /// <summary>Puts each cell's outputs and execution count on the parsed document, for the executed .ipynb.</summary>
    private static void FillDocument(NotebookRunResult result)
    {
        var elements = result.Document.Elements;
        for (int i = 0; i < elements.Count && i < result.Cells.Count; i++)
        {
            var cell = result.Cells[i];
            var element = elements[i];
            element.Outputs.Clear();
            element.ExecutionOrder = cell.ExecutionCount ?? 0;
            foreach (var output in cell.Outputs) element.Outputs.Add(ToDocumentOutput(output, cell.ExecutionCount ?? 0));
        }
    }

    private static InteractiveDocumentOutputElement ToDocumentOutput(CellOutput output, int executionCount)
    {
        switch (output.Kind)
        {
            case OutputKind.StandardOutput:
                return new TextElement(output.Text ?? "", "stdout");
            case OutputKind.StandardError:
                return new TextElement(output.Text ?? "", "stderr");
            case OutputKind.Error:
            {
                string message = output.Text ?? "";
                string[] traceback = [.. message.Split('\n'), .. (output.Traceback ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)];
                return new ErrorElement(message, output.ErrorName ?? "Error", traceback);
            }
            case OutputKind.ReturnValue:
            {
                var element = new ReturnValueElement { ExecutionOrder = executionCount };
                foreach (var (mime, value) in output.Data) element.Data[mime] = value;
                return element;
            }
            default:
                return new DisplayElement(output.Data.ToDictionary(kv => kv.Key, kv => (object)kv.Value));
        }
    }

    private void Log(string line) => _options.Log?.WriteLine(line);

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
