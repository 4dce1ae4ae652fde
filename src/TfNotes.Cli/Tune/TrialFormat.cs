using System.Globalization;
using TfNotes.Tuning;

namespace TfNotes.Cli.Tune;

/// <summary>How trials read in tables and lines: parameters in the notes' terms, states in color.</summary>
internal static class TrialFormat
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Parameter(string name, object? value) => value switch
    {
        double d when name == ThreeLayerSearchSpace.LearningRate => d.ToString("0.###e+0", Invariant),
        double d when name == ThreeLayerSearchSpace.Beta1 => d.ToString("0.####", Invariant),
        double d => d.ToString("G4", Invariant),
        bool b => b ? "on" : "off",
        null => "",
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? "",
    };

    public static string Parameters(FrozenTrial trial) =>
        string.Join(" ", trial.Params.Select(p => $"{p.Key}={Parameter(p.Key, p.Value)}"));

    public static string Value(double? value) => value?.ToString("0.0000", Invariant) ?? "";

    public static string State(TrialState state) => state.ToString().ToUpperInvariant();

    public static string StateMarkup(TrialState state) => state switch
    {
        TrialState.Running => "[yellow]RUNNING[/]",
        TrialState.Complete => "[green]COMPLETE[/]",
        TrialState.Pruned => "[grey]PRUNED[/]",
        _ => "[red]FAIL[/]",
    };

    public static string Duration(FrozenTrial trial) =>
        (trial.Duration ?? (trial.StartedAt is { } started ? DateTimeOffset.UtcNow - started : null)) is { } d
            ? d.TotalSeconds.ToString("0.0", Invariant) + "s"
            : "";
}
