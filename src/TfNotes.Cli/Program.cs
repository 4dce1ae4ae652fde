using System.CommandLine;
using TfNotes.Cli.Commands;

var root = new RootCommand("tfnotes — the TensorFlow workflow of the deep-learning notes, in C# on libtorch");
root.Subcommands.Add(TapeCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(TuneCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"tfnotes: {error.Message}");
    return 2;
}
return await parse.InvokeAsync();
