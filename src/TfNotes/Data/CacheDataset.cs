namespace TfNotes.Data;

/// <summary>
/// <c>cache()</c> in memory: a pass that reads the input to its end stores its own aliases of every element, and
/// later passes replay them (as fresh aliases, so consumers free only their own handles). A pass that stops early
/// discards what it stored, so a truncated cache is never replayed.
/// </summary>
internal sealed class CacheDataset<T>(Dataset<T> input) : Dataset<T>
{
    List<T>? complete;

    internal override IEnumerator<T> OpenPass() => Volatile.Read(ref complete) is { } elements ? Replay(elements) : Fill();

    static IEnumerator<T> Replay(List<T> elements)
    {
        foreach (var element in elements) yield return Alias(element);
    }

    IEnumerator<T> Fill()
    {
        var stored = new List<T>();
        bool kept = false;
        try
        {
            using var pass = input.OpenPass();
            while (pass.MoveNext())
            {
                stored.Add(Alias(pass.Current));
                yield return pass.Current;
            }
            kept = Interlocked.CompareExchange(ref complete, stored, null) is null;
        }
        finally
        {
            if (!kept) foreach (var element in stored) Structure<T>.Of.Free(element);
        }
    }

    static T Alias(T element) => Structure<T>.Of.Select(element, t => Tensor.Unowned(t.Native.alias()));

    public override long cardinality() => input.cardinality();
    private protected override object ComputeSpec() => input.element_spec;
}
