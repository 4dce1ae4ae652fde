namespace TfNotes.Tuning;

/// <summary>Helpers on <see cref="TrialState"/>.</summary>
public static class TrialStateExtensions
{
    /// <summary>Complete and pruned trials count toward a study's budget; failed ones do not.</summary>
    public static bool IsFinished(this TrialState state) => state is TrialState.Complete or TrialState.Pruned;
}
