namespace TfNotes.Tuning.Storage;

/// <summary>What <see cref="IStorage.TryCreateTrial"/> answers.</summary>
public enum TrialSlotStatus
{
    /// <summary>A trial was created; <see cref="TrialSlot.TrialId"/> and <see cref="TrialSlot.Number"/> are set.</summary>
    Created,

    /// <summary>Finished plus running trials fill the budget: wait for a running one to finish or fail.</summary>
    Wait,

    /// <summary>The budget of finished trials is reached: the study is done.</summary>
    BudgetReached,
}

/// <summary>Answer of <see cref="IStorage.TryCreateTrial"/>.</summary>
public readonly record struct TrialSlot(TrialSlotStatus Status, long TrialId = -1, int Number = -1);
