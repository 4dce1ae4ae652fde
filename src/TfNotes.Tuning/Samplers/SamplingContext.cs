namespace TfNotes.Tuning.Samplers;

/// <summary>
/// What a sampler may look at when a trial asks for a value: the study's trials as stored when the
/// trial started (from every worker and process), loaded at most once per trial and only if needed.
/// </summary>
public sealed class SamplingContext
{
    private readonly Lazy<IReadOnlyList<FrozenTrial>> _trials;

    /// <summary>The study <paramref name="studyName"/>; its trials are loaded by <paramref name="loadTrials"/> on first
    /// use only.</summary>
    public SamplingContext(string studyName, StudyDirection direction, Func<IReadOnlyList<FrozenTrial>> loadTrials)
    {
        StudyName = studyName;
        Direction = direction;
        _trials = new Lazy<IReadOnlyList<FrozenTrial>>(loadTrials);
    }

    /// <summary>A context over the given <paramref name="trials"/>, outside any study (tests, tools).</summary>
    public SamplingContext(StudyDirection direction, IReadOnlyList<FrozenTrial> trials)
        : this("", direction, () => trials)
    {
    }

    /// <summary>The study's name (empty outside a study).</summary>
    public string StudyName { get; }
    /// <summary>Whether smaller or larger values are better.</summary>
    public StudyDirection Direction { get; }

    /// <summary>Number of the trial being sampled (-1 before it exists).</summary>
    public int TrialNumber { get; internal set; } = -1;

    /// <summary>Phase of the trial being sampled, as chosen by <see cref="Samplers.ISampler.PhaseOf"/>.</summary>
    public int Phase { get; internal set; }

    /// <summary>The study's trials, loaded on first use.</summary>
    public IReadOnlyList<FrozenTrial> Trials => _trials.Value;

    /// <summary>Values a sampler drew for several parameters at once (multivariate TPE), kept for the trial's later suggestions.</summary>
    internal IReadOnlyDictionary<string, double>? RelativeParams { get; set; }

    /// <summary>Complete and pruned trials: the history samplers learn from.</summary>
    public IEnumerable<FrozenTrial> FinishedTrials => Trials.Where(t => t.State.IsFinished());
}
