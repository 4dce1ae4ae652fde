namespace TfNotes.Tuning.Pruners;

/// <summary>
/// Optuna's MedianPruner: prune when the trial's best intermediate value so far is worse than the median of
/// the complete trials' values at the same step. Waits for <c>nStartupTrials</c> complete trials, ignores
/// steps before <c>nWarmupSteps</c> and only judges the first report of every <c>intervalSteps</c>.
/// </summary>
public sealed class MedianPruner : IPruner
{
    private readonly int _nStartupTrials;
    private readonly int _nWarmupSteps;
    private readonly int _intervalSteps;
    private readonly int _nMinTrials;

    /// <summary>Optuna's <c>MedianPruner(n_startup_trials, n_warmup_steps, interval_steps, n_min_trials)</c> with its
    /// defaults (5, 0, 1, 1).</summary>
    public MedianPruner(int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nStartupTrials);
        ArgumentOutOfRangeException.ThrowIfNegative(nWarmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalSteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nMinTrials, 1);
        _nStartupTrials = nStartupTrials;
        _nWarmupSteps = nWarmupSteps;
        _intervalSteps = intervalSteps;
        _nMinTrials = nMinTrials;
    }

    /// <inheritdoc/>
    public bool Prune(PruningContext context, FrozenTrial trial)
    {
        var complete = context.Trials.Where(t => t.State == TrialState.Complete).ToList();
        if (complete.Count == 0 || complete.Count < _nStartupTrials) return false;
        if (trial.LastStep is not { } step || step < _nWarmupSteps) return false;
        if (!IsFirstInInterval(step, trial.IntermediateValues.Keys)) return false;

        var values = trial.IntermediateValues.Values.Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0) return true;
        var best = context.Direction == StudyDirection.Minimize ? values.Min() : values.Max();

        var atStep = complete.Where(t => t.IntermediateValues.ContainsKey(step))
            .Select(t => t.IntermediateValues[step]).Where(v => !double.IsNaN(v)).ToList();
        if (atStep.Count < _nMinTrials || atStep.Count == 0) return false;
        var median = Median(atStep);
        return context.Direction == StudyDirection.Minimize ? best > median : best < median;
    }

    // Judge a step only if no earlier report already fell in its interval.
    private bool IsFirstInInterval(int step, IEnumerable<int> reportedSteps)
    {
        var intervalStart = (step - _nWarmupSteps) / _intervalSteps * _intervalSteps + _nWarmupSteps;
        var previous = reportedSteps.Where(s => s != step).DefaultIfEmpty(-1).Max();
        return previous < intervalStart;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
    }
}
