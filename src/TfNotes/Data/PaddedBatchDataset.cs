using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// <c>padded_batch(n, padded_shapes, padding_values, drop_remainder)</c>: like <c>batch</c>, but each component is
/// first padded at the end of each dimension to its padded shape, a dimension of -1 (TensorFlow's None) to the
/// largest in the batch. By default every unknown dimension of the element spec pads to the batch's largest and the
/// padding value is 0 (false for bool).
/// </summary>
internal sealed class PaddedBatchDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;
    readonly int size;
    readonly bool dropRemainder;
    readonly long[][] paddedShapes; // as given, or the element spec's
    readonly long[][] padTo;        // what a pass pads to: as given, else -1 (the batch's largest) in every dimension
    readonly Tensor[] paddingValues; // 0-d, one per component, of its dtype

    internal PaddedBatchDataset(Dataset<T> input, int batchSize, object? paddedShapes, object? paddingValues, bool dropRemainder)
    {
        Positive(batchSize, "batch_size", "padded_batch");
        Structure<T>.Of.RefuseDatasets("padded_batch");
        (this.input, size, this.dropRemainder) = (input, batchSize, dropRemainder);
        var spec = input.element_spec;
        var specs = Structure<T>.Of.SpecLeaves(spec);
        var shapes = paddedShapes is null ? specs.Select(_ => (object?)null).ToList() : Leaves(spec, paddedShapes, "padded_shapes");
        var values = paddingValues is null ? specs.Select(_ => (object?)null).ToList() : Leaves(spec, paddingValues, "padding_values");
        this.paddedShapes = specs.Select((s, k) => PaddedShape(shapes[k], s)).ToArray();
        // The element spec of a map is found by probing, so a value-dependent dimension may look known: padding to
        // the batch's largest gives the same batches where it is right and the right ones where it is not.
        padTo = specs.Select((s, k) => shapes[k] is null ? Enumerable.Repeat(TensorSpec.Unknown, s.shape.ndim).ToArray() : this.paddedShapes[k]).ToArray();
        this.paddingValues = specs.Select((s, k) => PaddingValue(values[k], s)).ToArray();
    }

    static List<object?> Leaves(object spec, object value, string argument) =>
        Nest.FlattenUpTo(spec, value) ?? throw new ArgumentException(
            $"padded_batch: `{argument}` must have the structure of the elements, {spec}; got {Nest.Describe(value)}", argument);

    static long[] PaddedShape(object? given, TensorSpec spec)
    {
        long[] dims = given switch
        {
            null => spec.shape.dims,
            Shape shape => shape.dims,
            long[] l => l,
            int[] i => Array.ConvertAll(i, d => (long)d),
            long n => [n],
            int n => [n],
            _ => throw new ArgumentException($"padded_batch: a padded shape must be a Shape, an array of dimensions or a length; got {Nest.Describe(given)}", "padded_shapes"),
        };
        var padded = new TensorSpec(new Shape(dims), spec.dtype);
        bool fits = dims.Length == spec.shape.ndim && dims.Zip(spec.shape.dims).All(d => d.First == TensorSpec.Unknown || d.Second == TensorSpec.Unknown || d.First >= d.Second);
        if (!fits)
            throw new ArgumentException($"padded_batch: The padded shape {padded.ShapeText} is not compatible with the shape {spec.ShapeText} of the " +
                "corresponding input component.", "padded_shapes");
        return dims;
    }

    static Tensor PaddingValue(object? given, TensorSpec spec)
    {
        if (given is Tensor tensor)
        {
            if (tensor.ndim != 0)
                throw new ArgumentException($"padded_batch: Invalid `padding_values`. `padding_values` values should be scalars, but got {tensor.shape}.", "padding_values");
            if (tensor.dtype != spec.dtype)
                throw new ArgumentException($"padded_batch: Invalid `padding_values`. `padding_values` values type {tensor.dtype} does not match type " +
                    $"{spec.dtype} of the corresponding input component.", "padding_values");
            return DatasetSources.Captured(tensor);
        }
        using var step = StepScope.Begin();
        var value = TensorConversion.FromObject(given ?? 0, spec.dtype, null, "padding_values");
        if (value.ndim != 0)
            throw new ArgumentException($"padded_batch: Invalid `padding_values`. `padding_values` values should be scalars, but got {value.shape}.", "padding_values");
        return DatasetSources.Captured(value);
    }

    internal override IEnumerator<T> OpenPass() => BatchDataset<T>.Grouped(input, [size], dropRemainder, Padded);

    T Padded(List<T> group)
    {
        var structure = Structure<T>.Of;
        var components = group.Select(e => structure.Leaves(e).ToArray()).ToArray();
        int k = 0;
        return structure.Select(group[0], _ => { int c = k++; return Tensor.Unowned(Pad(components.Select(e => e[c].Native).ToArray(), c)); });
    }

    /// <summary>The elements of component <paramref name="k"/> padded to its shape and stacked.</summary>
    torch.Tensor Pad(torch.Tensor[] elements, int k)
    {
        var padded = padTo[k];
        if (elements.FirstOrDefault(e => e.dim() != padded.Length) is { } other)
            throw new InvalidArgumentError($"padded_batch: All elements in a batch must have the same rank as the padded shape for component{k}: " +
                $"expected rank {padded.Length} but got element with rank {other.dim()}");
        var target = new long[padded.Length];
        for (int d = 0; d < padded.Length; d++)
        {
            foreach (var element in elements) target[d] = Math.Max(target[d], element.shape[d]);
            if (padded[d] == TensorSpec.Unknown) continue;
            if (target[d] > padded[d])
                throw new InvalidArgumentError($"padded_batch: Attempted to pad to a smaller size than the input element. Component {k} " +
                    $"has size {target[d]} in dimension {d} and the padded shape is {new TensorSpec(new Shape(padded), DType.Float32).ShapeText}.");
            target[d] = padded[d];
        }
        using var fill = paddingValues[k].Native.expand([elements.Length, .. target]);
        var batch = fill.contiguous();
        for (int i = 0; i < elements.Length; i++)
        {
            var view = batch.select(0, i);
            for (int d = 0; d < target.Length; d++)
            {
                var narrowed = view.narrow(d, 0, elements[i].shape[d]);
                view.Dispose();
                view = narrowed;
            }
            view.copy_(elements[i]);
            view.Dispose();
        }
        return batch;
    }

    public override long cardinality() => BatchDataset<T>.Cardinality(input.cardinality(), size, dropRemainder);

    private protected override object ComputeSpec()
    {
        int k = 0;
        return Structure<T>.Of.MapSpec(input.element_spec, s => new TensorSpec(new Shape(paddedShapes[k++]), s.dtype).Batched(dropRemainder ? size : TensorSpec.Unknown));
    }
}
