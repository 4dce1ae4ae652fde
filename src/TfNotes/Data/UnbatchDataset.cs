namespace TfNotes.Data;

/// <summary><c>unbatch()</c>: each element split into rows along its first dimension (all components must agree on it).</summary>
internal sealed class UnbatchDataset<T>(Dataset<T> input) : Dataset<T>
{
    internal override IEnumerator<T> OpenPass()
    {
        var structure = Structure<T>.Of;
        using var pass = input.OpenPass();
        while (pass.MoveNext())
        {
            var batch = pass.Current;
            try
            {
                long rows = RowCount(structure.Leaves(batch).ToList());
                for (long i = 0; i < rows; i++)
                    yield return structure.Select(batch, t => Tensor.Unowned(t.Native.select(0, i)));
            }
            finally
            {
                structure.Free(batch); // the rows share its memory
            }
        }
    }

    static long RowCount(List<Tensor> components)
    {
        if (components.Find(t => t.ndim == 0) is { } scalar)
            throw new InvalidArgumentError($"unbatch: Input element must have a non-scalar value in each component, got shape {scalar.shape}");
        long rows = components[0].shape[0];
        if (components.Find(t => t.shape[0] != rows) is { } other)
            throw new InvalidArgumentError($"unbatch: Input element must have the same batch size in each component: " +
                $"component 0 has {rows} rows and another component has shape {other.shape}");
        return rows;
    }

    public override long cardinality() => DataApi.UnknownCardinality;
    private protected override object ComputeSpec() => Structure<T>.Of.MapSpec(input.element_spec, s => s.Row());
}
