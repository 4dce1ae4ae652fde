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
try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (FileNotFoundException e) // the data, nowhere to be found: the library's message names the places and the fixes
{
    Console.Error.WriteLine($"tfnotes: {e.Message.ReplaceLineEndings(" ")}");
    return 2;
}
catch (Exception e) // as System.CommandLine's own handler: an unexpected failure shows its stack trace
{
    Console.Error.WriteLine($"tfnotes: unhandled exception: {e}");
    return 1;
}
