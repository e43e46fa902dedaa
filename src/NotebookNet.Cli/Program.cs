using NotebookNet.Cli;

// `notebooknet <verb> [options]`: each verb lives in its own file under Commands/.
var verbs = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["seed"] = SeedCommand.Run,
    ["train"] = TrainCommand.Run,
    ["evaluate"] = EvaluateCommand.Run,
    ["images"] = ImagesCommand.Run,
    ["notebooks"] = NotebooksCommand.Run,
    ["twins"] = TwinsCommand.Run,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: notebooknet <{string.Join(" | ", verbs.Keys)}> [options]");
    return args.Length == 0 ? 0 : 2;
}
try
{
    return run(args[1..]);
}
catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
{
    // Bad input is the user's to fix: the message names the file, shape or value; a stack trace would bury it.
    Console.Error.WriteLine($"notebooknet {args[0]}: {e.Message}");
    return 1;
}
