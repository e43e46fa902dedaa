using System.CommandLine;
using System.CommandLine.Invocation;

namespace NotebookNet.Cli;

/// <summary>
/// The <c>notebooknet</c> command: the verbs given (each built by its own file under Commands/), <c>--help</c> for the
/// tool and every verb, and the exit codes the README documents: 0 ok, 1 failure, 2 usage (an unknown verb or
/// option, a missing or malformed value; the error lists what is valid).
/// </summary>
public static class Root
{
    public const int Ok = 0, Failure = 1, Usage = 2;

    public static int Run(string[] args, params Command[] verbs)
    {
        var root = new RootCommand("NotebookNet: the tutorial's network, the CNN it promises, and its notebooks.")
        {
            HelpName = "notebooknet",
        };
        foreach (var verb in verbs) root.Subcommands.Add(verb);
        var configuration = new InvocationConfiguration
        {
            Output = Console.Out,
            Error = Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        // Without a verb: the help, like `git` alone.
        root.SetAction(_ => root.Parse(["--help"]).Invoke(configuration));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            if (parse.Action is ParseErrorAction onError) (onError.ShowHelp, onError.ShowTypoCorrections) = (true, true);
            parse.Invoke(configuration); // prints the errors, then the help of the verb, listing its options
            return Usage;
        }
        try
        {
            return parse.Invoke(configuration);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Bad input is the user's to fix: the message names the file, shape or value; a stack trace would bury it.
            Console.Error.WriteLine($"notebooknet {parse.CommandResult.Command.Name}: {e.Message}");
            return Failure;
        }
    }

    /// <summary>An option with a default value and a help line.</summary>
    public static Option<T> Option<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>An option without a default (null when not given).</summary>
    public static Option<T?> Optional<T>(string name, string description) => new(name) { Description = description };

    /// <summary>Refuses, as a usage error naming the option and the value, a value outside <paramref name="rule"/>.</summary>
    public static Option<T> Require<T>(this Option<T> option, Func<T, bool> valid, string rule)
    {
        option.Validators.Add(result =>
        {
            T value;
            try { value = result.GetValueOrDefault<T>(); }
            catch (InvalidOperationException) { return; } // a malformed value: the parser already reports it
            if (!valid(value)) result.AddError(FormattableString.Invariant($"{option.Name} must be {rule}; got {value}."));
        });
        return option;
    }

    public static bool IsPositive(int value) => value > 0;

    public static bool IsRate(double value) => value >= 0 && double.IsFinite(value);
}
