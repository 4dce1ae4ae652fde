namespace TfNotes.Data;

/// <summary><c>take(count)</c>: the first <c>count</c> elements (-1: all); the input is not read further.</summary>
internal sealed class TakeDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;
    readonly long count;

    internal TakeDataset(Dataset<T> input, long count)
    {
        CountOrAll(count, "count", "take");
        (this.input, this.count) = (input, count);
    }

    internal override IEnumerator<T> OpenPass()
    {
        using var pass = input.OpenPass();
        for (long taken = 0; (count < 0 || taken < count) && pass.MoveNext(); taken++) yield return pass.Current;
    }

    public override long cardinality()
    {
        long n = input.cardinality();
        if (n == DataApi.UnknownCardinality) return n;
        if (count < 0) return n;
        return n == DataApi.InfiniteCardinality ? count : Math.Min(n, count);
    }

    private protected override object ComputeSpec() => input.element_spec;
}
