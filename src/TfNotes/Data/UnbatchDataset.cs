namespace TfNotes.Data;

/// <summary><c>unbatch()</c>: each element split into rows along its first dimension (all components must agree on it).</summary>
internal sealed class UnbatchDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;

    /// <summary>Rejects what the input's static shapes already show: scalar components, or components whose known
    /// first dimensions differ.</summary>
    internal UnbatchDataset(Dataset<T> input)
    {
        this.input = input;
        Structure<T>.Of.RefuseDatasets("unbatch");
        long known = TensorSpec.Unknown;
        foreach (var spec in Structure<T>.Of.SpecLeaves(input.element_spec))
        {
            if (spec.shape.ndim == 0) throw new ArgumentException("unbatch: Cannot unbatch an input with scalar components.");
            long first = spec.shape[0];
            if (first == TensorSpec.Unknown) continue;
            if (known != TensorSpec.Unknown && first != known)
                throw new ArgumentException("unbatch: `unbatch()` is only supported for datasets of elements whose components have a " +
                    $"matching leading dimension. Encountered both {known} and {first}.");
            known = first;
        }
    }

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
