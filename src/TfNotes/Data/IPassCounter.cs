namespace TfNotes.Data;

/// <summary>
/// A dataset whose passes differ by how many passes came before (a reshuffling <c>shuffle</c>): its position between
/// passes, which a checkpoint saves so that a resumed run draws the orders an uninterrupted run would have drawn
/// (TensorFlow checkpoints an iterator for this).
/// </summary>
internal interface IPassCounter
{
    long Passes { get; set; }
}
