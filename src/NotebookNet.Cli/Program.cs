using NotebookNet.Cli;

// `notebooknet <verb> [options]`: each verb lives in its own file under Commands/.
var verbs = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["notebooks"] = NotebooksCommand.Run,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: notebooknet <{string.Join(" | ", verbs.Keys)}> [options]");
    return args.Length == 0 ? 0 : 2;
}
return run(args[1..]);
