namespace TfNotes.Tuning.Pruners;

/// <summary>
/// Asynchronous Successive Halving (ASHA), as Optuna's SuccessiveHalvingPruner. Rung r sits at step
/// minResource · reductionFactor^(minEarlyStoppingRate + r). When a trial reaches a rung it records its
/// value there and goes on only if it is in the top 1/reductionFactor of all values recorded at that rung
/// (the best one while fewer than reductionFactor trials got there). <c>minResource</c> null means Optuna's
/// "auto": the largest last step of the complete trials / 100 (at least 1), no pruning before one completes.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly int _reductionFactor;
    private readonly int _minEarlyStoppingRate;
    private readonly int _bootstrapCount;
    private int? _minResource;

    /// <summary>Optuna's <c>SuccessiveHalvingPruner(min_resource, reduction_factor, min_early_stopping_rate,
    /// bootstrap_count)</c> with its defaults ("auto", 4, 0, 0).</summary>
    public SuccessiveHalvingPruner(int? minResource = null, int reductionFactor = 4, int minEarlyStoppingRate = 0, int bootstrapCount = 0)
    {
        if (minResource is < 1) throw new ArgumentOutOfRangeException(nameof(minResource), "must be at least 1");
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(minEarlyStoppingRate);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrapCount);
        if (bootstrapCount > 0 && minResource is null)
            throw new ArgumentException(
                $"bootstrap_count > 0 and min_resource == 'auto' are mutually incompatible, bootstrap_count is {bootstrapCount} (as Optuna)",
                nameof(bootstrapCount));
        _minResource = minResource;
        _reductionFactor = reductionFactor;
        _minEarlyStoppingRate = minEarlyStoppingRate;
        _bootstrapCount = bootstrapCount;
    }

    /// <summary>System attribute under which a trial's value at rung <paramref name="rung"/> is stored (Optuna's key).</summary>
    public static string RungKey(int rung) => $"completed_rung_{rung}";

    /// <inheritdoc/>
    public bool Prune(PruningContext context, FrozenTrial trial)
    {
        if (trial.LastStep is not { } step) return false;
        var value = trial.IntermediateValues[step];
        var rung = 0;
        while (trial.SystemAttributes.ContainsKey(RungKey(rung))) rung++;

        while (true)
        {
            var minResource = _minResource ??= EstimateMinResource(context.Trials);
            if (minResource is null) return false;
            var promotionStep = minResource.Value * Math.Pow(_reductionFactor, _minEarlyStoppingRate + rung);
            if (step < promotionStep) return false;
            if (double.IsNaN(value)) return true;

            var key = RungKey(rung);
            context.SetTrialSystemAttribute(key, value);
            var competing = context.Trials.Where(t => t.Id != trial.Id)
                .Select(t => AttributeJson.AsNumber(t.SystemAttributes.GetValueOrDefault(key)))
                .OfType<double>()
                .Append(value).ToList();
            if (competing.Count <= _bootstrapCount) return true;
            if (!IsPromotable(value, competing, context.Direction)) return true;
            rung++;
        }
    }

    private static int? EstimateMinResource(IEnumerable<FrozenTrial> trials)
    {
        var lastSteps = trials.Where(t => t.State == TrialState.Complete && t.LastStep is not null).Select(t => t.LastStep!.Value).ToList();
        return lastSteps.Count == 0 ? null : Math.Max(lastSteps.Max() / 100, 1);
    }

    private bool IsPromotable(double value, List<double> competing, StudyDirection direction)
    {
        // While fewer than reductionFactor trials reached the rung, only the best one goes on.
        var promotableIndex = Math.Max(competing.Count / _reductionFactor - 1, 0);
        competing.Sort();
        return direction == StudyDirection.Maximize
            ? value >= competing[^(promotableIndex + 1)]
            : value <= competing[promotableIndex];
    }
}
