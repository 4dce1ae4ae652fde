namespace TfNotes.Data;

/// <summary><c>repeat(count)</c>: fresh passes over the input one after another; a negative count (-1) repeats forever
/// unless the input is empty.</summary>
internal sealed class RepeatDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;
    readonly int count;

    internal RepeatDataset(Dataset<T> input, int count) => (this.input, this.count) = (input, count);

    internal override IEnumerator<T> OpenPass()
    {
        for (int done = 0; count < 0 || done < count; done++)
        {
            bool any = false;
            using var pass = input.OpenPass();
            while (pass.MoveNext())
            {
                any = true;
                yield return pass.Current;
            }
            if (!any) yield break; // repeating an empty dataset forever would never yield
        }
    }

    public override long cardinality()
    {
        long n = input.cardinality();
        if (count < 0) return n == 0 ? 0 : DataApi.InfiniteCardinality;
        if (count == 0) return 0;
        return n < 0 ? n : n * count;
    }

    private protected override object ComputeSpec() => input.element_spec;
}
