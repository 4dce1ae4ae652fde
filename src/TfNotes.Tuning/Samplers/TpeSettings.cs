namespace TfNotes.Tuning.Samplers;

/// <summary>The Parzen estimators' knobs, with Optuna 3.1's TPESampler defaults.</summary>
internal sealed record TpeSettings(double PriorWeight, bool ConsiderMagicClip, bool ConsiderEndpoints, Func<int, IEnumerable<double>> Weights,
    bool NormalizedKernels = false);
