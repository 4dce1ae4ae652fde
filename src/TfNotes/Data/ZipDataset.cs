using System.Collections;

namespace TfNotes.Data;

/// <summary><c>Dataset.zip</c>: tuples of one element of each input, as long as the shortest input.</summary>
internal sealed class ZipDataset<T>(params IDataset[] inputs) : Dataset<T>
{
    internal override IEnumerator<T> OpenPass()
    {
        var passes = new List<IEnumerator>();
        try
        {
            foreach (var input in inputs) passes.Add(input.OpenPass());
            while (true)
            {
                var items = new object[passes.Count];
                for (int i = 0; i < passes.Count; i++)
                {
                    if (!passes[i].MoveNext())
                    {
                        for (int done = 0; done < i; done++) inputs[done].Structure.FreeOf(items[done]);
                        yield break;
                    }
                    items[i] = passes[i].Current!;
                }
                yield return Structure<T>.Of.Compose(items);
            }
        }
        finally
        {
            foreach (var pass in passes) ((IDisposable)pass).Dispose();
        }
    }

    public override long cardinality()
    {
        long result = DataApi.InfiniteCardinality;
        foreach (var input in inputs)
        {
            long n = input.cardinality();
            if (n == DataApi.UnknownCardinality) return n;
            if (n != DataApi.InfiniteCardinality && (result == DataApi.InfiniteCardinality || n < result)) result = n;
        }
        return result;
    }

    private protected override object ComputeSpec() => Structure.Tuple(inputs.Select(i => i.element_spec).ToArray());
}
