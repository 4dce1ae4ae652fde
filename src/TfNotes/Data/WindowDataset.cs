namespace TfNotes.Data;

/// <summary>
/// <c>window(size, shift, stride, drop_remainder)</c>: window i holds the input elements <c>i·shift + k·stride</c> for
/// <c>k &lt; size</c>, each window a dataset; the last windows are shorter unless <c>drop_remainder</c>. A window
/// holds its own aliases; an input element is freed once no later window can hold it.
/// </summary>
internal sealed class WindowDataset<T> : Dataset<Dataset<T>>
{
    readonly Dataset<T> input;
    readonly long size, shift, stride;
    readonly bool dropRemainder;

    internal WindowDataset(Dataset<T> input, long size, long? shift, long stride, bool dropRemainder)
    {
        (this.input, this.size, this.shift, this.stride, this.dropRemainder) = (input, size, shift ?? size, stride, dropRemainder);
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, $"window: Window size must be greater than zero, but got {size}.");
        if (this.shift <= 0) throw new ArgumentOutOfRangeException(nameof(shift), shift, $"window: Window shift must be greater than zero, but got {shift}.");
        if (stride <= 0) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"window: Window stride must be greater than zero, but got {stride}.");
    }

    /// <summary>Input elements from the first one a window may still hold.</summary>
    internal override IEnumerator<Dataset<T>> OpenPass()
    {
        var spec = input.element_spec;
        var buffer = new List<T>();
        long first = 0; // the input position of buffer[0]
        long span = (size - 1) * stride + 1;
        using var pass = input.OpenPass();
        try
        {
            bool ended = false;
            for (long start = 0; ; start += shift)
            {
                // Elements before this window are held by no later one.
                int stale = (int)Math.Min(buffer.Count, start - first);
                foreach (var element in buffer.Take(stale)) Structure<T>.Of.Free(element);
                buffer.RemoveRange(0, stale);
                first += stale;
                for (; !ended && first + buffer.Count < start + span; )
                {
                    if (!pass.MoveNext()) { ended = true; break; }
                    if (first + buffer.Count < start) { Structure<T>.Of.Free(pass.Current); first++; } // between windows (shift > span)
                    else buffer.Add(pass.Current);
                }
                var members = new List<T>();
                for (long at = start; at < first + buffer.Count && members.Count < size; at += stride)
                    members.Add(Structure<T>.Of.Select(buffer[(int)(at - first)], t => Tensor.Unowned(t.Native.detach())));
                if (members.Count == 0 || (dropRemainder && members.Count < size))
                {
                    foreach (var member in members) Structure<T>.Of.Free(member);
                    yield break; // later windows would be shorter still
                }
                yield return new Window<T>(members, spec);
            }
        }
        finally
        {
            foreach (var element in buffer) Structure<T>.Of.Free(element);
        }
    }

    public override long cardinality()
    {
        long n = input.cardinality();
        if (n < 0) return n;
        if (!dropRemainder) return n / shift + (n % shift == 0 ? 0 : 1);
        long rest = n - ((size - 1) * stride + 1);
        return rest < 0 ? 0 : rest / shift + 1;
    }

    private protected override object ComputeSpec() => new DatasetSpec(input.element_spec);
}
