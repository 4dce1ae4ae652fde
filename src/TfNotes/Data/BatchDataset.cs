using System.Runtime.InteropServices;
using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// <c>batch(n, drop_remainder)</c>: stacks n consecutive elements component by component and frees them. Over rows of
/// in-memory tensors (<c>from_tensor_slices</c>, shuffled or mapped or not) it gathers each batch at once (see
/// <see cref="RowSource{T}"/>).
/// </summary>
internal sealed class BatchDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;
    readonly int size;
    readonly bool dropRemainder;

    internal BatchDataset(Dataset<T> input, int batchSize, bool dropRemainder)
    {
        Positive(batchSize, "batch_size", "batch");
        Structure<T>.Of.RefuseDatasets("batch");
        (this.input, size, this.dropRemainder) = (input, batchSize, dropRemainder);
    }

    internal override IEnumerator<T> OpenPass() => input.Rows is { } rows ? Gathered(rows) : Stacked();

    IEnumerator<T> Gathered(RowSource<T> rows)
    {
        var group = new List<long>(); // sized by the elements there are, not the batch size
        long position = 0;
        foreach (var row in rows.Order())
        {
            group.Add(row);
            if (group.Count < size) continue;
            yield return rows.Gather([.. group], position);
            position += size;
            group.Clear();
        }
        if (group.Count > 0 && !dropRemainder) yield return rows.Gather([.. group], position);
    }

    IEnumerator<T> Stacked() => Grouped(input, [size], dropRemainder, Stack);

    /// <summary>Groups of consecutive elements of a pass, of <paramref name="sizes"/> in turn, combined into one (the
    /// last group smaller unless <paramref name="dropRemainder"/>); the grouped elements are freed once combined.</summary>
    internal static IEnumerator<T> Grouped(Dataset<T> input, int[] sizes, bool dropRemainder, Func<List<T>, T> combine)
    {
        var group = new List<T>(); // sized by the elements there are, not the batch size (batch(int.MaxValue))
        using var pass = input.OpenPass();
        try
        {
            for (long groups = 0; ;)
            {
                bool more = pass.MoveNext();
                if (more) group.Add(pass.Current);
                if (group.Count == sizes[groups % sizes.Length] || (!more && group.Count > 0 && !dropRemainder))
                {
                    var batch = combine(group);
                    foreach (var element in group) Structure<T>.Of.Free(element);
                    group.Clear();
                    groups++;
                    yield return batch;
                }
                if (!more) yield break;
            }
        }
        finally
        {
            foreach (var element in group) Structure<T>.Of.Free(element);
        }
    }

    /// <summary>The elements stacked component by component (they stay allocated).</summary>
    internal static T Stack(List<T> group)
    {
        var structure = Structure<T>.Of;
        var components = group.Select(e => structure.Leaves(e).ToArray()).ToArray();
        int k = 0;
        return structure.Select(group[0], _ => Stack(components, k++));
    }

    static Tensor Stack(Tensor[][] components, int k)
    {
        try
        {
            return Tensor.Unowned(torch.stack(components.Select(c => c[k].Native).ToArray()));
        }
        catch (ExternalException e)
        {
            var first = components[0][k].shape;
            int other = Array.FindIndex(components, c => c[k].shape != first);
            throw new InvalidArgumentError($"batch: Cannot batch tensors with different shapes in component {k}. " +
                $"First element had shape {first.Brackets} and element {other} had shape {components[other][k].shape.Brackets}.", e);
        }
    }

    public override long cardinality() => Cardinality(input.cardinality(), size, dropRemainder);

    internal static long Cardinality(long n, long size, bool dropRemainder) =>
        n < 0 ? n : dropRemainder ? n / size : n / size + (n % size == 0 ? 0 : 1);

    private protected override object ComputeSpec() =>
        Structure<T>.Of.MapSpec(input.element_spec, s => s.Batched(dropRemainder ? size : TensorSpec.Unknown));
}
