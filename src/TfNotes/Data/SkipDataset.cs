namespace TfNotes.Data;

/// <summary><c>skip(count)</c>: the elements after the first <c>count</c> (-1: none); skipped elements are freed.</summary>
internal sealed class SkipDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;
    readonly long count;

    internal SkipDataset(Dataset<T> input, long count)
    {
        CountOrAll(count, "count", "skip");
        (this.input, this.count) = (input, count);
    }

    internal override IEnumerator<T> OpenPass()
    {
        using var pass = input.OpenPass();
        for (long skipped = 0; count < 0 || skipped < count; skipped++)
        {
            if (!pass.MoveNext()) yield break;
            Structure<T>.Of.Free(pass.Current);
        }
        while (pass.MoveNext()) yield return pass.Current;
    }

    public override long cardinality()
    {
        long n = input.cardinality();
        if (n < 0) return n;
        return count < 0 ? 0 : Math.Max(0, n - count);
    }

    private protected override object ComputeSpec() => input.element_spec;
}
