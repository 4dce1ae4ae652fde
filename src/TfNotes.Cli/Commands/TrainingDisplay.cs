using Spectre.Console;
using Spectre.Console.Rendering;
using TfNotes.Cli.Runs;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Commands;

/// <summary><c>tfnotes train</c>'s console output: a progress bar per epoch while training, a summary table at the end.</summary>
internal static class TrainingDisplay
{
    /// <summary>Runs <paramref name="fit"/> with <paramref name="callbacks"/> extended to draw each epoch's progress.</summary>
    public static TrainingResult WithProgress(int totalEpochs, TrainingCallbacks callbacks, Func<TrainingCallbacks, TrainingResult> fit) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 24 }, new StatusColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? epochTask = null;
                return fit(callbacks with
                {
                    OnStep = step =>
                    {
                        if (step.Step == 1) epochTask = context.AddTask($"epoch {step.Epoch}/{totalEpochs}", maxValue: step.StepsPerEpoch);
                        epochTask!.Value = step.Step;
                        StatusColumn.Set(epochTask, new(step.Step, step.StepsPerEpoch, step.Loss, step.Accuracy, null, null));
                        callbacks.OnStep?.Invoke(step);
                    },
                    OnEpochEnd = metrics =>
                    {
                        callbacks.OnEpochEnd?.Invoke(metrics);
                        StatusColumn.Set(epochTask!, StatusColumn.Get(epochTask!) with { ValidationAccuracy = metrics.ValidationAccuracy, TestAccuracy = metrics.EvaluationAccuracy });
                    },
                });
            });

    readonly record struct EpochStatus(int Step, int Steps, double Loss, double Accuracy, double? ValidationAccuracy, double? TestAccuracy)
    {
        public override string ToString() =>
            $"{Step}/{Steps} steps  loss {Loss:F4}  accuracy {Accuracy:F4}{(ValidationAccuracy is { } val ? $"  val {val:F4}" : "")}" +
            $"{(TestAccuracy is { } test ? $"  test {test:F4}" : "")}";
    }

    /// <summary>An epoch task's steps and running metrics (and test accuracy once it is measured).</summary>
    sealed class StatusColumn : ProgressColumn
    {
        const string Key = "status";

        public static void Set(ProgressTask task, EpochStatus status) => task.State.Update<EpochStatus>(Key, _ => status);
        public static EpochStatus Get(ProgressTask task) => task.State.Get<EpochStatus>(Key);

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.State.Get<EpochStatus>(Key) is { Steps: > 0 } status ? status.ToString() : "");
    }

    public static void Summary(RunRecord record, RunFolder folder)
    {
        var options = record.Hyperparameters;
        var model = options.Model == ModelKind.Softmax ? "softmax regression"
            : $"three-layer network {string.Join("-", options.Hidden)}{(options.BatchNorm ? " + batch norm" : "")}";
        var table = new Table { Title = new TableTitle($"{model}, {options.Optimizer.ToString().ToLowerInvariant()} lr {options.LearningRate}" +
            $"{(options.Schedule == ScheduleKind.Cosine ? " cosine" : "")}, " +
            $"batch {options.BatchSize}, seed {options.Seed}") };
        bool validated = record.ValidationExamples > 0;
        table.AddColumns(["epoch", "train loss", "train accuracy", .. validated ? ["val accuracy"] : Array.Empty<string>(), "test accuracy", "seconds"]);
        foreach (var column in table.Columns) column.RightAligned();
        foreach (var e in record.Epochs)
            table.AddRow([e.Epoch == record.ChosenEpoch ? $"{e.Epoch} *" : $"{e.Epoch}", $"{e.TrainLoss:F4}", $"{e.TrainAccuracy:F4}",
                .. validated ? [$"{e.ValidationAccuracy:F4}"] : Array.Empty<string>(), $"{e.TestAccuracy:F4}", $"{e.Seconds:F1}"]);
        AnsiConsole.Write(table);
        if (record.Final is { } final)
        {
            double secondsPerEpoch = record.Epochs.Average(e => e.Seconds);
            string images = $"{record.TrainExamples} training images, {(validated ? $"{record.ValidationExamples} validation images, " : "")}{record.TestExamples} test images, {secondsPerEpoch:F1} s per epoch";
            if (record.ChosenEpoch is not null)
                AnsiConsole.MarkupLineInterpolated(
                    $"test accuracy [bold]{final.TestAccuracy:F4}[/] at epoch {final.Epoch} of {record.Epochs.Count}, chosen on validation accuracy {final.ValidationAccuracy:F4} ({images})");
            else
                AnsiConsole.MarkupLineInterpolated($"test accuracy [bold]{final.TestAccuracy:F4}[/] after {final.Epoch} epochs ({images})");
        }
        AnsiConsole.MarkupLineInterpolated($"run folder: {folder.Path}");
    }
}
