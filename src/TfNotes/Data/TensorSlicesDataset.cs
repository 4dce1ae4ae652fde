using TorchSharp;

namespace TfNotes.Data;

/// <summary><c>from_tensor_slices</c>: element i holds row i of every component; all components have the same first dimension.</summary>
internal sealed class TensorSlicesDataset<T> : Dataset<T>
{
    readonly T columns;
    readonly long count;

    TensorSlicesDataset(T columns, long count) => (this.columns, this.count) = (columns, count);

    internal static TensorSlicesDataset<T> Create(T columns)
    {
        var leaves = Structure<T>.Of.Leaves(columns).ToList();
        int k = 0;
        foreach (var leaf in leaves)
        {
            if (leaf.ndim == 0)
                throw new InvalidArgumentError($"from_tensor_slices: component {k} is a scalar (shape ()); slicing needs rank ≥ 1");
            if (leaf.shape[0] != leaves[0].shape[0])
                throw new InvalidArgumentError($"from_tensor_slices: Dimensions {leaves[0].shape[0]} and {leaf.shape[0]} are not compatible " +
                    $"(component 0 has shape {leaves[0].shape}, component {k} has shape {leaf.shape}; the first dimensions must agree)");
            k++;
        }
        return new TensorSlicesDataset<T>(columns, leaves[0].shape[0]);
    }

    internal override RowSource<T> Rows => new(() => Sequence(count), (rows, _) => Select(rows), (rows, _) => Gather(rows));

    static IEnumerable<long> Sequence(long count)
    {
        for (long i = 0; i < count; i++) yield return i;
    }

    IEnumerator<T> Select(IEnumerable<long> rows)
    {
        foreach (var row in rows)
            yield return Structure<T>.Of.Select(columns, column => Tensor.Unowned(column.Native.select(0, row)));
    }

    T Gather(long[] rows)
    {
        using var index = torch.tensor(rows);
        return Structure<T>.Of.Select(columns, column => Tensor.Unowned(column.Native.index_select(0, index)));
    }

    internal override IEnumerator<T> OpenPass() => Rows.Elements();
    public override long cardinality() => count;
    private protected override object ComputeSpec() => Structure<T>.Of.MapSpec(Structure<T>.Of.Spec(columns), s => s.Row());
}
