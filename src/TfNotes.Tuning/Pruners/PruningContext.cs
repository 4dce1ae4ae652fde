namespace TfNotes.Tuning.Pruners;

/// <summary>The study as a pruner sees it: every trial, fresh from storage, and a way to note rung values (system attributes).</summary>
public sealed class PruningContext
{
    private readonly Action<string, object?> _setAttribute;

    /// <summary>The study <paramref name="studyName"/> with its <paramref name="trials"/>; <paramref
    /// name="setTrialSystemAttribute"/> records a system attribute on the trial being judged.</summary>
    public PruningContext(string studyName, StudyDirection direction, IReadOnlyList<FrozenTrial> trials,
        Action<string, object?> setTrialSystemAttribute)
    {
        StudyName = studyName;
        Direction = direction;
        Trials = trials;
        _setAttribute = setTrialSystemAttribute;
    }

    /// <summary>The study's name (Hyperband hashes it to pick a trial's bracket).</summary>
    public string StudyName { get; }
    /// <summary>Whether smaller or larger values are better.</summary>
    public StudyDirection Direction { get; }
    /// <summary>Every trial of the study, as stored.</summary>
    public IReadOnlyList<FrozenTrial> Trials { get; }

    /// <summary>Stores a system attribute on the trial being judged.</summary>
    public void SetTrialSystemAttribute(string key, object? value) => _setAttribute(key, value);

    /// <summary>The same study seen through a subset of its trials (Hyperband's brackets).</summary>
    public PruningContext WithTrials(IReadOnlyList<FrozenTrial> trials) =>
        new(StudyName, Direction, trials, _setAttribute);
}
