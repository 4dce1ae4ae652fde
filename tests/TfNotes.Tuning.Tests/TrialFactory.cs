using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Tests;

/// <summary>Hand-made stored trials for sampler and pruner tests.</summary>
internal static class TrialFactory
{
    public static FrozenTrial Make(int number, TrialState state, double? value = null,
        IReadOnlyDictionary<int, double>? intermediate = null, IReadOnlyDictionary<string, object?>? systemAttributes = null,
        IReadOnlyDictionary<string, (double Value, Distribution Distribution)>? parameters = null) => new()
    {
        Id = 1000 + number,
        Number = number,
        State = state,
        Value = value,
        IntermediateValues = intermediate ?? new Dictionary<int, double>(),
        SystemAttributes = systemAttributes ?? new Dictionary<string, object?>(),
        InternalParams = parameters?.ToDictionary(p => p.Key, p => p.Value.Value) ?? new Dictionary<string, double>(),
        Distributions = parameters?.ToDictionary(p => p.Key, p => p.Value.Distribution) ?? new Dictionary<string, Distribution>(),
        Params = parameters?.ToDictionary(p => p.Key, p => p.Value.Distribution.ToExternal(p.Value.Value)) ?? new Dictionary<string, object?>(),
    };

    /// <summary>Intermediate values 0, 1, 2, … from a list.</summary>
    public static IReadOnlyDictionary<int, double> Steps(params double[] values) =>
        values.Select((v, i) => (v, i)).ToDictionary(p => p.i, p => p.v);
}
