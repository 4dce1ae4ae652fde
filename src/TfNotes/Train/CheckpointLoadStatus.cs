namespace TfNotes.Train;

/// <summary>
/// What <c>restore</c> returns. TfNotes restores at once and only whole objects (a mismatch throws), so the
/// assertions TensorFlow offers hold whenever something was restored.
/// </summary>
public sealed class CheckpointLoadStatus
{
    readonly bool restored;

    internal CheckpointLoadStatus(bool restored) => this.restored = restored;

    /// <summary>Every object of the checkpoint got its values (fails after <c>restore(null)</c>).</summary>
    public CheckpointLoadStatus assert_consumed() => Assert("assert_consumed");

    /// <summary>The objects of this checkpoint got their values from the file (fails after <c>restore(null)</c>).</summary>
    public CheckpointLoadStatus assert_existing_objects_matched() => Assert("assert_existing_objects_matched");

    /// <summary>Silences warnings about values of the file that nothing took (TfNotes issues none).</summary>
    public CheckpointLoadStatus expect_partial() => this;

    CheckpointLoadStatus Assert(string method) => restored ? this
        : throw new InvalidOperationException($"{method}: nothing was restored (restore was given no checkpoint path)");
}
