using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Coarse to fine, the notes' zoom-in: trials run in phases of <c>trialsPerPhase</c> finished trials. Phase 0
/// samples the full ranges; each later phase shrinks every numeric range to the box around the best
/// <c>topK</c> complete trials so far — measured in the parameter's own search space (log x for log
/// parameters, log(1 − x) for reverse-log ones), widened by a quarter of its width on each side, never
/// narrower than <c>minimumWidthFraction</c> of the full range, clipped to the full range — and lets the
/// inner sampler draw inside it. Categorical parameters keep all choices. The phase is stored on each trial.
/// </summary>
public sealed class CoarseToFineSampler : ISampler
{
    private readonly ISampler _inner;
    private readonly int _trialsPerPhase;
    private readonly int _phases;
    private readonly int _topK;
    private readonly double _minimumWidthFraction;

    /// <summary>Coarse to fine around <paramref name="inner"/>: <paramref name="phases"/> phases of <paramref
    /// name="trialsPerPhase"/> finished trials, zooming on the best <paramref name="topK"/>.</summary>
    public CoarseToFineSampler(ISampler inner, int trialsPerPhase, int phases = 3, int topK = 5, double minimumWidthFraction = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trialsPerPhase, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(phases, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumWidthFraction);
        _inner = inner;
        _trialsPerPhase = trialsPerPhase;
        _phases = phases;
        _topK = topK;
        _minimumWidthFraction = minimumWidthFraction;
    }

    /// <inheritdoc/>
    public int PhaseOf(SamplingContext context) =>
        Math.Min(context.FinishedTrials.Count() / _trialsPerPhase, _phases - 1);

    /// <inheritdoc/>
    public bool IsExhausted(SamplingContext context) => _inner.IsExhausted(context);

    /// <inheritdoc/>
    public double Sample(SamplingContext context, string name, Distribution distribution)
    {
        if (context.Phase > 0 && distribution is NumericDistribution numeric)
            distribution = Narrow(name, numeric, context.Trials, context.Direction);
        return _inner.Sample(context, name, distribution);
    }

    /// <summary>The range a fine phase samples <paramref name="name"/> in, given the trials so far.</summary>
    public NumericDistribution Narrow(string name, NumericDistribution full, IEnumerable<FrozenTrial> trials, StudyDirection direction)
    {
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is not null && t.InternalParams.ContainsKey(name));
        var best = (direction == StudyDirection.Minimize ? complete.OrderBy(t => t.Value) : complete.OrderByDescending(t => t.Value))
            .Take(_topK)
            .Select(t => full.ToSearchScale(t.InternalParams[name]))
            .ToList();
        if (best.Count == 0) return full;

        var low = best.Min();
        var high = best.Max();
        var pad = 0.25 * (high - low);
        low -= pad;
        high += pad;
        var minimumWidth = _minimumWidthFraction * (full.SearchHigh - full.SearchLow);
        if (high - low < minimumWidth)
        {
            var center = 0.5 * (low + high);
            low = center - minimumWidth / 2;
            high = center + minimumWidth / 2;
        }
        // Slide (rather than cut) a box that sticks out of the full range, so it keeps its width.
        if (low < full.SearchLow) (low, high) = (full.SearchLow, high + (full.SearchLow - low));
        if (high > full.SearchHigh) (low, high) = (low - (high - full.SearchHigh), full.SearchHigh);
        return full.WithSearchRange(low, high);
    }
}
