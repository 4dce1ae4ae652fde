namespace TfNotes.Data;

/// <summary><c>from_tensors</c>: a single element, handed out as fresh aliases on each pass.</summary>
internal sealed class TensorsDataset<T>(T element) : Dataset<T>
{
    internal override IEnumerator<T> OpenPass()
    {
        yield return Structure<T>.Of.Select(element, t => Tensor.Unowned(t.Native.alias()));
    }

    public override long cardinality() => 1;
    private protected override object ComputeSpec() => Structure<T>.Of.Spec(element);
}
