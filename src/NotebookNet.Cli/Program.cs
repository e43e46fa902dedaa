using NotebookNet.Cli;

// `notebooknet <verb> [options]`. Each verb builds its System.CommandLine Command in its own file under Commands/
// (`public static Command Create()`); adding a verb is that file plus one line here.
return Root.Run(args,
    SeedCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    ImagesCommand.Create(),
    NotebooksCommand.Create(),
    ExportCommand.Create(),
    TwinsCommand.Create());
