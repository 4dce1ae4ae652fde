namespace TfNotes.Tuning.Pruners;

/// <summary>Decides whether a running trial should stop early. Must be thread-safe.</summary>
public interface IPruner
{
    /// <summary>Whether <paramref name="trial"/>, running, should stop now, judged against the study's trials in
    /// <paramref name="context"/>.</summary>
    bool Prune(PruningContext context, FrozenTrial trial);
}
