namespace TfNotes.Data;

/// <summary>
/// The elements of <c>from_tensor_slices</c>, possibly shuffled and mapped, are rows of in-memory tensors, so a pass
/// can work on row indices: <c>shuffle</c>'s buffer holds indices and <c>batch</c> gathers a whole batch at once
/// (one <c>index_select</c> per component, then the map function once per batch when it is elementwise). The
/// elements are exactly those of the per-element path.
/// </summary>
/// <param name="Order">The row indices of a new pass.</param>
/// <param name="ElementsOf">The elements of the given rows in that order; the second argument is the position in the
/// pass of the first one (for error messages).</param>
/// <param name="Gather">The batch of the given rows, the first at the given position in the pass.</param>
internal sealed record RowSource<T>(
    Func<IEnumerable<long>> Order,
    Func<IEnumerable<long>, long, IEnumerator<T>> ElementsOf,
    Func<long[], long, T> Gather)
{
    internal IEnumerator<T> Elements() => ElementsOf(Order(), 0);
}
