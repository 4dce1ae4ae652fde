namespace TfNotes.Tuning.Pruners;

/// <summary>Decides whether a running trial should stop early. Must be thread-safe.</summary>
public interface IPruner
{
    bool Prune(PruningContext context, FrozenTrial trial);
}
