namespace TfNotes.Data;

/// <summary>
/// One element of <c>window</c>: a dataset of the elements it holds, handed out as fresh aliases on each pass. Its
/// tensors are the leaves of the window element, so they are freed with the step that holds the window.
/// </summary>
internal sealed class Window<T>(List<T> elements, object elementSpec) : Dataset<T>
{
    internal List<T> Elements => elements;

    internal override IEnumerator<T> OpenPass()
    {
        foreach (var element in elements) yield return Structure<T>.Of.Select(element, t => Tensor.Unowned(t.Native.detach()));
    }

    public override long cardinality() => elements.Count;
    private protected override object ComputeSpec() => elementSpec;
}
