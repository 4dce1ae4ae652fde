namespace TfNotes.Tuning;

/// <summary>Whether a study minimizes or maximizes its objective, as Optuna's StudyDirection.</summary>
public enum StudyDirection
{
    /// <summary>Smaller objective values are better.</summary>
    Minimize = 0,
    /// <summary>Larger objective values are better.</summary>
    Maximize = 1,
}
