using System.CommandLine;
using TfNotes.Cli.Commands;

var root = new RootCommand("tfnotes — the TensorFlow workflow of the deep-learning notes, in C# on libtorch");
var verbose = new Option<bool>("--verbose") { Description = "show the stack trace of a failure too", Recursive = true };
root.Options.Add(verbose);
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
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (Failures.IsExpected(e)) // bad data, an unusable folder, a failed run: one line, as a bad option
{
    return Failures.Report(parse.CommandResult.Command.Name, e, parse.GetValue(verbose));
}
catch (Exception e) // as System.CommandLine's own handler: an unexpected failure shows its stack trace
{
    Console.Error.WriteLine($"tfnotes: unhandled exception: {e}");
    return 1;
}
