namespace TfNotes.Data;

/// <summary><c>rebatch(batch_size, drop_remainder)</c>: the rows of the input's batches regrouped into batches of
/// the given size, or of the given sizes in turn (as <c>unbatch().batch(n)</c>, which copies the rows once too).</summary>
internal sealed class RebatchDataset<T> : Dataset<T>
{
    readonly Dataset<T> rows;
    readonly int[] sizes;
    readonly bool dropRemainder;

    internal RebatchDataset(Dataset<T> input, int[] batchSizes, bool dropRemainder)
    {
        if (batchSizes.Length == 0) throw new ArgumentException("rebatch: `batch_size` must give at least one size", "batch_size");
        foreach (int size in batchSizes) Positive(size, "batch_size", "rebatch");
        (rows, sizes, this.dropRemainder) = (new UnbatchDataset<T>(input), batchSizes, dropRemainder);
    }

    internal override IEnumerator<T> OpenPass() => BatchDataset<T>.Grouped(rows, sizes, dropRemainder, BatchDataset<T>.Stack);

    public override long cardinality() => DataApi.UnknownCardinality;

    private protected override object ComputeSpec() =>
        Structure<T>.Of.MapSpec(rows.element_spec, s => s.Batched(dropRemainder && sizes.Distinct().Count() == 1 ? sizes[0] : TensorSpec.Unknown));
}
