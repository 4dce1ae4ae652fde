namespace TfNotes.Data;

/// <summary><c>filter(predicate)</c>: the elements for which the predicate holds; the others are freed.</summary>
internal sealed class FilterDataset<T>(Dataset<T> input, Func<T, bool> predicate) : Dataset<T>
{
    internal override IEnumerator<T> OpenPass()
    {
        using var pass = input.OpenPass();
        for (long position = 0; pass.MoveNext(); position++)
        {
            var element = pass.Current;
            if (Holds(element, position)) yield return element;
            else Structure<T>.Of.Free(element);
        }
    }

    bool Holds(T element, long position)
    {
        using var step = StepScope.Begin(); // the predicate's tensors
        try
        {
            return predicate(element);
        }
        catch (Exception e)
        {
            Structure<T>.Of.Free(element);
            throw new InvalidOperationException($"filter: the predicate failed on element {position} (zero-based) of the pass: {e.Message}", e);
        }
    }

    public override long cardinality() => DataApi.UnknownCardinality;
    private protected override object ComputeSpec() => input.element_spec;
}
