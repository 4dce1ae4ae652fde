using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using TfNotes.Tuning;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Tune;

/// <summary>The end of a run: counts, the leaderboard, the best parameters and its test accuracy, as a table or one JSON line.</summary>
internal sealed record TuneSummary(
    TuneSettings Settings, IReadOnlyList<FrozenTrial> Trials, double? TestAccuracy, IReadOnlyList<string> Files, TimeSpan Elapsed)
{
    const int LeaderboardSize = 10;

    public FrozenTrial? Best => Study.BestOf(Trials, StudyDirection.Maximize);

    int Count(TrialState state) => Trials.Count(t => t.State == state);

    public void Print()
    {
        var leaderboard = new Table().Border(TableBorder.Rounded).AddColumns("rank", "#", "val acc", "phase", "parameters", "time");
        leaderboard.Title = new TableTitle(
            $"study {Markup.Escape(Settings.Study)}: {Count(TrialState.Complete)} complete, {Count(TrialState.Pruned)} pruned, " +
            $"{Count(TrialState.Fail)} failed");
        var rank = 0;
        foreach (var trial in Trials.Where(t => t.State == TrialState.Complete).OrderByDescending(t => t.Value).Take(LeaderboardSize))
            leaderboard.AddRow($"{++rank}", $"{trial.Number}", TrialFormat.Value(trial.Value), $"{trial.Phase}",
                Markup.Escape(TrialFormat.Parameters(trial)), TrialFormat.Duration(trial));
        AnsiConsole.Write(leaderboard);
        if (Best is { } best)
        {
            AnsiConsole.MarkupLine($"best: trial {best.Number}, validation accuracy [bold]{TrialFormat.Value(best.Value)}[/]");
            foreach (var (name, value) in best.Params) AnsiConsole.MarkupLine($"  {name} = [bold]{Markup.Escape(TrialFormat.Parameter(name, value))}[/]");
        }
        if (TestAccuracy is { } accuracy)
            AnsiConsole.MarkupLine($"best parameters retrained: test accuracy [bold]{accuracy:0.0000}[/]");
        AnsiConsole.MarkupLine($"written: {Markup.Escape(string.Join(", ", Files))}");
    }

    /// <summary>The <c>--json</c> line.</summary>
    public string ToJson()
    {
        var best = Best;
        var json = new JsonObject
        {
            ["study"] = Settings.Study,
            ["storage"] = StorageUrl.Redact(Settings.Storage),
            ["trials_complete"] = Count(TrialState.Complete),
            ["trials_pruned"] = Count(TrialState.Pruned),
            ["trials_failed"] = Count(TrialState.Fail),
            ["best_trial"] = best?.Number,
            ["best_value"] = best?.Value,
            ["best_params"] = best is null ? null : new JsonObject(best.Params.Select(p =>
                KeyValuePair.Create(p.Key, JsonSerializer.SerializeToNode(p.Value)))),
            ["test_accuracy"] = TestAccuracy,
            ["elapsed_seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["output"] = Settings.OutputDirectory,
            ["files"] = new JsonArray(Files.Select(f => (JsonNode?)f).ToArray()),
        };
        return json.ToJsonString();
    }
}
