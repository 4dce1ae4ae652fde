using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// The elements of <c>from_tensor_slices</c> (possibly shuffled) are rows of in-memory tensors, so a pass can work on
/// row indices: <c>shuffle</c>'s buffer holds indices and <c>batch</c> gathers a whole batch with one
/// <c>index_select</c> per component. The elements are exactly those of the per-element path.
/// </summary>
/// <param name="Columns">An element whose tensors are the full columns.</param>
/// <param name="Order">The row indices of a new pass.</param>
internal sealed record RowSource<T>(T Columns, Func<IEnumerable<long>> Order)
{
    internal IEnumerator<T> Elements()
    {
        foreach (var row in Order())
            yield return Structure<T>.Of.Select(Columns, column => Tensor.Unowned(column.Native.select(0, row)));
    }

    internal T Gather(long[] rows)
    {
        using var index = torch.tensor(rows);
        return Structure<T>.Of.Select(Columns, column => Tensor.Unowned(column.Native.index_select(0, index)));
    }
}
