namespace TfNotes.Tuning.Pruners;

/// <summary>The study as a pruner sees it: every trial, fresh from storage, and a way to note rung values (system attributes).</summary>
public sealed class PruningContext
{
    private readonly Action<string, object?> _setAttribute;

    public PruningContext(string studyName, StudyDirection direction, IReadOnlyList<FrozenTrial> trials,
        Action<string, object?> setTrialSystemAttribute)
    {
        StudyName = studyName;
        Direction = direction;
        Trials = trials;
        _setAttribute = setTrialSystemAttribute;
    }

    public string StudyName { get; }
    public StudyDirection Direction { get; }
    public IReadOnlyList<FrozenTrial> Trials { get; }

    /// <summary>Stores a system attribute on the trial being judged.</summary>
    public void SetTrialSystemAttribute(string key, object? value) => _setAttribute(key, value);

    /// <summary>The same study seen through a subset of its trials (Hyperband's brackets).</summary>
    public PruningContext WithTrials(IReadOnlyList<FrozenTrial> trials) =>
        new(StudyName, Direction, trials, _setAttribute);
}
