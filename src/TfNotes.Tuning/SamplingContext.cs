namespace TfNotes.Tuning;

/// <summary>
/// What a sampler may look at when a trial asks for a value: the study's trials as stored when the
/// trial started (from every worker and process), loaded at most once per trial and only if needed.
/// </summary>
public sealed class SamplingContext
{
    private readonly Lazy<IReadOnlyList<FrozenTrial>> _trials;

    public SamplingContext(string studyName, StudyDirection direction, Func<IReadOnlyList<FrozenTrial>> loadTrials)
    {
        StudyName = studyName;
        Direction = direction;
        _trials = new Lazy<IReadOnlyList<FrozenTrial>>(loadTrials);
    }

    public SamplingContext(StudyDirection direction, IReadOnlyList<FrozenTrial> trials)
        : this("", direction, () => trials)
    {
    }

    public string StudyName { get; }
    public StudyDirection Direction { get; }

    /// <summary>Number of the trial being sampled (-1 before it exists).</summary>
    public int TrialNumber { get; internal set; } = -1;

    /// <summary>Phase of the trial being sampled, as chosen by <see cref="Samplers.ISampler.PhaseOf"/>.</summary>
    public int Phase { get; internal set; }

    public IReadOnlyList<FrozenTrial> Trials => _trials.Value;

    /// <summary>Complete and pruned trials: the history samplers learn from.</summary>
    public IEnumerable<FrozenTrial> FinishedTrials => Trials.Where(t => t.State.IsFinished());
}
