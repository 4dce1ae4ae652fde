using Spectre.Console;
using TfNotes.Tuning;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Tune;

/// <summary>
/// Shows the study's trials as they run and finish by polling its storage, so it sees trials of any process.
/// On a terminal: a live table. Redirected: one line per trial as it finishes.
/// </summary>
internal sealed class TrialMonitor(IStorage storage, int studyId, TuneSettings settings)
{
    const int RowsShown = 20;
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    readonly HashSet<long> reported = [];
    readonly string[] parameterNames = ThreeLayerSearchSpace.Create(settings).Select(p => p.Key).ToArray();

    /// <summary>Polls until <paramref name="done"/> completes, then shows the final state once more.</summary>
    public async Task WatchAsync(Task done)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            await AnsiConsole.Live(Table(storage.GetTrials(studyId))).StartAsync(async live =>
            {
                while (await Poll(done)) live.UpdateTarget(Table(storage.GetTrials(studyId)));
                live.UpdateTarget(Table(storage.GetTrials(studyId)));
            });
        else
        {
            while (await Poll(done)) PrintFinished();
            PrintFinished();
        }
    }

    /// <summary>Waits one poll interval; false once <paramref name="done"/> has completed.</summary>
    static async Task<bool> Poll(Task done)
    {
        await Task.WhenAny(done, Task.Delay(PollInterval));
        return !done.IsCompleted;
    }

    void PrintFinished()
    {
        foreach (var trial in storage.GetTrials(studyId).Where(t => t.State != TrialState.Running && reported.Add(t.Id)))
            Console.WriteLine($"trial {trial.Number,3} {TrialFormat.State(trial.State),-8} {TrialFormat.Value(trial.Value),6}  " +
                              $"{TrialFormat.Parameters(trial)}{(trial.FailureReason is { } reason ? "  — " + reason : "")}");
    }

    Table Table(IReadOnlyList<FrozenTrial> trials)
    {
        var finished = trials.Count(t => t.State.IsFinished());
        var best = Study.BestOf(trials, StudyDirection.Maximize);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("#", "state", "phase", "epoch", "val acc", "value")
            .AddColumns(parameterNames)
            .AddColumn("time");
        table.Title = new TableTitle(
            $"study {Markup.Escape(settings.Study)}: {finished}/{settings.Trials} finished, " +
            $"{trials.Count(t => t.State == TrialState.Running)} running, {trials.Count(t => t.State == TrialState.Pruned)} pruned, " +
            $"{trials.Count(t => t.State == TrialState.Fail)} failed" +
            (best is null ? "" : $"; best {TrialFormat.Value(best.Value)} (#{best.Number})"));
        // The running trials and the latest finished ones, newest last.
        var shown = trials.Where(t => t.State == TrialState.Running)
            .Concat(trials.Where(t => t.State != TrialState.Running).TakeLast(RowsShown))
            .OrderBy(t => t.Number);
        foreach (var trial in shown)
        {
            var lastEpoch = trial.LastStep;
            var cells = new List<string>
            {
                $"{trial.Number}", TrialFormat.StateMarkup(trial.State), $"{trial.Phase}",
                lastEpoch is null ? "" : $"{lastEpoch}/{settings.Epochs}",
                lastEpoch is { } step ? TrialFormat.Value(trial.IntermediateValues[step]) : "",
                trial.State == TrialState.Fail ? Markup.Escape(trial.FailureReason ?? "") : TrialFormat.Value(trial.Value),
            };
            cells.AddRange(parameterNames.Select(name => Markup.Escape(TrialFormat.Parameter(name, trial.Params.GetValueOrDefault(name)))));
            cells.Add(TrialFormat.Duration(trial));
            table.AddRow(cells.ToArray());
        }
        return table;
    }
}
