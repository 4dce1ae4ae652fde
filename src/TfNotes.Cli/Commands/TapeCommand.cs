using System.CommandLine;
using Spectre.Console;
using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Cli.Commands;

/// <summary>
/// <c>tfnotes tape</c>: the notes' first program — minimise w² − 10w + 25 with a GradientTape and Adam. A NaN or
/// infinite cost stops it with a message naming the step (exit 1), as <c>tfnotes train</c>'s TerminateOnNaN.
/// </summary>
internal static class TapeCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Adam steps to take", DefaultValueFactory = _ => 1000 }.Positive();
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam's learning rate", DefaultValueFactory = _ => 0.1 }.Positive();
        var every = new Option<int>("--every") { Description = "print w every N steps", DefaultValueFactory = _ => 100 }.Positive();
        var minimize = new Option<bool>("--minimize") { Description = "use optimizer.minimize(cost_fn, [w]) instead of an explicit tape" };

        var command = new Command("tape", "Minimise w² − 10w + 25 with tf.GradientTape and Adam, printing w as it converges to 5")
        {
            steps, learningRate, every, minimize,
        };
        command.SetAction(parse => Run(parse.GetValue(steps), parse.GetValue(learningRate), parse.GetValue(every), parse.GetValue(minimize)));
        return command;
    }

    static int Run(int steps, double learningRate, int every, bool useMinimize)
    {
        var w = tf.Variable(0, dtype: tf.float32);
        var optimizer = tf.keras.optimizers.Adam(learningRate);
        Tensor cost_fn() => w * w - 10 * w + 25;

        var table = new Table().AddColumns("step", "w", "cost");
        table.Title = new TableTitle(useMinimize ? "optimizer.minimize(cost_fn, [w])" : "GradientTape + apply_gradients");
        for (int step = 1; step <= steps; step++)
        {
            if (useMinimize) optimizer.minimize(cost_fn, [w]);
            else
            {
                using var tape = tf.GradientTape();
                var cost = cost_fn();
                var grads = tape.gradient(cost, [w]);
                optimizer.apply_gradients(zip(grads, [w]));
            }
            float now = (float)cost_fn();
            if (step % every == 0 || step == 1 || step == steps || !float.IsFinite(now))
                table.AddRow(step.ToString(), ((float)w).ToString("F6"), now.ToString("E3"));
            if (!float.IsFinite(now))
            {
                AnsiConsole.Write(table);
                Console.Error.WriteLine($"tfnotes tape: cost is {(float.IsNaN(now) ? "NaN" : "infinite")} after step {step} (w = {(float)w}); stopped: try a smaller --learning-rate");
                return TrainCommand.NonFiniteLossExitCode;
            }
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"w = [bold]{(float)w:F6}[/] after {steps} steps (the minimum is at w = 5)");
        return 0;
    }
}
