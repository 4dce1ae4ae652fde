namespace TfNotes.Data;

/// <summary><c>Dataset.zip</c>: pairs of elements, as long as the shorter input.</summary>
internal sealed class ZipDataset<T1, T2>(Dataset<T1> first, Dataset<T2> second) : Dataset<(T1, T2)>
{
    internal override IEnumerator<(T1, T2)> OpenPass()
    {
        using var a = first.OpenPass();
        using var b = second.OpenPass();
        while (a.MoveNext())
        {
            if (!b.MoveNext())
            {
                Structure<T1>.Of.Free(a.Current);
                yield break;
            }
            yield return (a.Current, b.Current);
        }
    }

    public override long cardinality()
    {
        long a = first.cardinality(), b = second.cardinality();
        if (a == DataApi.UnknownCardinality || b == DataApi.UnknownCardinality) return DataApi.UnknownCardinality;
        if (a == DataApi.InfiniteCardinality) return b;
        return b == DataApi.InfiniteCardinality ? a : Math.Min(a, b);
    }

    private protected override object ComputeSpec() =>
        Activator.CreateInstance(typeof(ValueTuple<,>).MakeGenericType(first.element_spec.GetType(), second.element_spec.GetType()),
            first.element_spec, second.element_spec)!;
}
