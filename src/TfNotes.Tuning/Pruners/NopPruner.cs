namespace TfNotes.Tuning.Pruners;

/// <summary>Never prunes: every trial runs to the end (the default).</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc/>
    public bool Prune(PruningContext context, FrozenTrial trial) => false;
}
