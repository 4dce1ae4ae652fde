namespace TfNotes.Data;

/// <summary><c>flat_map(map_func)</c>: the elements of the dataset <c>map_func</c> makes from each input element, one
/// dataset after the other.</summary>
internal sealed class FlatMapDataset<T, TOut>(Dataset<T> input, Func<T, Dataset<TOut>> function) : Dataset<TOut>
{
    internal override IEnumerator<TOut> OpenPass()
    {
        var randomness = new PassRandomness();
        using var pass = input.OpenPass();
        for (long position = 0; pass.MoveNext(); position++)
        {
            using var inner = InnerPass<T, TOut>.Open(pass.Current, function, randomness, "flat_map", position, d => d.OpenPass());
            while (inner.Pass.MoveNext()) yield return inner.Pass.Current;
        }
    }

    public override long cardinality() => DataApi.UnknownCardinality;
    private protected override object ComputeSpec() => InnerPass<T, TOut>.SpecOf(function, input.element_spec, "flat_map");
}
