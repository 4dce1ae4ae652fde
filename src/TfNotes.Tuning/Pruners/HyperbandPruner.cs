namespace TfNotes.Tuning.Pruners;

/// <summary>
/// Hyperband, as Optuna's HyperbandPruner: several successive-halving brackets with early-stopping rates
/// 0 … n−1, n = ⌊log_η(maxResource / minResource)⌋ + 1. Each trial is put in a bracket by a hash of the study
/// name and trial number (weighted by the bracket's budget, ⌈n·η^s/(s+1)⌉) and judged only against
/// trials of its own bracket. <c>maxResource</c> null is Optuna's "auto": the largest last step of the
/// complete trials + 1, no pruning before one completes.
/// </summary>
public sealed class HyperbandPruner : IPruner
{
    private readonly int _minResource;
    private readonly int _reductionFactor;
    private readonly int _bootstrapCount;
    private readonly object _lock = new();
    private int? _maxResource;
    private List<SuccessiveHalvingPruner>? _brackets;
    private List<int> _bracketBudgets = new();

    /// <summary>Optuna's <c>HyperbandPruner(min_resource, max_resource, reduction_factor, bootstrap_count)</c> with its
    /// defaults (1, "auto", 3, 0).</summary>
    public HyperbandPruner(int minResource = 1, int? maxResource = null, int reductionFactor = 3, int bootstrapCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        if (maxResource is { } max && max < minResource) throw new ArgumentOutOfRangeException(nameof(maxResource), "must be at least minResource");
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrapCount);
        if (bootstrapCount > 0 && maxResource is null)
            throw new ArgumentException(
                $"bootstrap_count > 0 and max_resource == 'auto' are mutually incompatible, bootstrap_count is {bootstrapCount} (as Optuna)",
                nameof(bootstrapCount));
        _minResource = minResource;
        _maxResource = maxResource;
        _reductionFactor = reductionFactor;
        _bootstrapCount = bootstrapCount;
    }

    /// <summary>Number of brackets, once known (null while maxResource is still "auto" and nothing completed).</summary>
    public int? BracketCount => _brackets?.Count;

    /// <inheritdoc/>
    public bool Prune(PruningContext context, FrozenTrial trial)
    {
        var brackets = Brackets(context.Trials);
        if (brackets is null) return false;
        var bracket = BracketOf(context.StudyName, trial.Number);
        var sameBracket = context.Trials.Where(t => BracketOf(context.StudyName, t.Number) == bracket).ToList();
        return brackets[bracket].Prune(context.WithTrials(sameBracket), trial);
    }

    /// <summary>The bracket of trial <paramref name="trialNumber"/> (Optuna's crc32("{study}_{number}") rule).</summary>
    public int BracketOf(string studyName, int trialNumber)
    {
        var budgets = _bracketBudgets;
        if (budgets.Count == 0) throw new InvalidOperationException("brackets are not known yet: maxResource is \"auto\" and no trial completed");
        var n = (long)(Crc32(System.Text.Encoding.UTF8.GetBytes($"{studyName}_{trialNumber}")) % (uint)budgets.Sum());
        for (var bracket = 0; bracket < budgets.Count; bracket++)
        {
            n -= budgets[bracket];
            if (n < 0) return bracket;
        }
        throw new InvalidOperationException("unreachable: the budgets add up to the modulus");
    }

    private List<SuccessiveHalvingPruner>? Brackets(IEnumerable<FrozenTrial> trials)
    {
        lock (_lock)
        {
            if (_brackets is not null) return _brackets;
            if (_maxResource is null)
            {
                var lastSteps = trials.Where(t => t.State == TrialState.Complete && t.LastStep is not null).Select(t => t.LastStep!.Value).ToList();
                if (lastSteps.Count == 0) return null;
                _maxResource = lastSteps.Max() + 1;
            }
            // Optuna's float formula, not exact arithmetic: log_3(243) is 4.999… there, so 5 brackets, not 6.
            var count = (int)Math.Floor(Math.Log((double)_maxResource.Value / _minResource, _reductionFactor)) + 1;
            _bracketBudgets = Enumerable.Range(0, count)
                .Select(bracket => count - 1 - bracket)
                .Select(s => (int)Math.Ceiling(count * Math.Pow(_reductionFactor, s) / (s + 1)))
                .ToList();
            _brackets = Enumerable.Range(0, count)
                .Select(bracket => new SuccessiveHalvingPruner(_minResource, _reductionFactor, bracket, _bootstrapCount))
                .ToList();
            return _brackets;
        }
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }
}
