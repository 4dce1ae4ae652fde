using System.Collections;
using NumSharp;
using TorchSharp;

namespace TfNotes.Data;

/// <summary><c>tf.data.Dataset</c>'s constructors. Their input is copied or aliased, never changed or freed.</summary>
public sealed class DatasetSources
{
    internal DatasetSources() { }

    /// <summary>One element per row (slice along the first dimension) of <paramref name="tensors"/>.</summary>
    public Dataset<Tensor> from_tensor_slices(Tensor tensors) => TensorSlicesDataset<Tensor>.Create(Captured(tensors));
    /// <summary>One element per row of a NumSharp array, converted in its own dtype (float64 stays float64).</summary>
    public Dataset<Tensor> from_tensor_slices(NDArray tensors) => from_tensor_slices(Converted(tensors, nameof(tensors)));
    /// <summary>One element per row of a rectangular .NET array (<c>double[]</c> gives float32, as
    /// <c>tf.constant</c>).</summary>
    public Dataset<Tensor> from_tensor_slices(Array tensors) => from_tensor_slices(Converted(tensors, nameof(tensors)));

    /// <summary>Pairs of rows <c>(x[i], y[i])</c>; the inputs may be tensors, NumSharp arrays or .NET arrays.</summary>
    public Dataset<(Tensor, Tensor)> from_tensor_slices((Tensor, Tensor) tensors) =>
        TensorSlicesDataset<(Tensor, Tensor)>.Create((Captured(tensors.Item1), Captured(tensors.Item2)));
    /// <inheritdoc cref="from_tensor_slices(ValueTuple{Tensor, Tensor})"/>
    public Dataset<(Tensor, Tensor)> from_tensor_slices((object, object) tensors) =>
        from_tensor_slices((Converted(tensors.Item1, nameof(tensors)), Converted(tensors.Item2, nameof(tensors))));

    /// <summary>Tuples of rows <c>(a[i], b[i], c[i], …)</c> of tensors, NumSharp arrays or .NET arrays.</summary>
    public Dataset<(Tensor, Tensor, Tensor)> from_tensor_slices((object, object, object) tensors) =>
        TensorSlicesDataset<(Tensor, Tensor, Tensor)>.Create(Tuple<(Tensor, Tensor, Tensor)>(tensors));
    /// <inheritdoc cref="from_tensor_slices(ValueTuple{object, object, object})"/>
    public Dataset<(Tensor, Tensor, Tensor, Tensor)> from_tensor_slices((object, object, object, object) tensors) =>
        TensorSlicesDataset<(Tensor, Tensor, Tensor, Tensor)>.Create(Tuple<(Tensor, Tensor, Tensor, Tensor)>(tensors));
    /// <inheritdoc cref="from_tensor_slices(ValueTuple{object, object, object})"/>
    public Dataset<(Tensor, Tensor, Tensor, Tensor, Tensor)> from_tensor_slices((object, object, object, object, object) tensors) =>
        TensorSlicesDataset<(Tensor, Tensor, Tensor, Tensor, Tensor)>.Create(Tuple<(Tensor, Tensor, Tensor, Tensor, Tensor)>(tensors));

    /// <summary>Dictionaries of rows <c>{name: x[i]}</c>, from tensors, NumSharp arrays or .NET arrays.</summary>
    public Dataset<Dictionary<string, Tensor>> from_tensor_slices<TValue>(IReadOnlyDictionary<string, TValue> tensors) where TValue : notnull =>
        TensorSlicesDataset<Dictionary<string, Tensor>>.Create(
            tensors.ToDictionary(kv => kv.Key, kv => Captured(Converted(kv.Value, $"{nameof(tensors)}[\"{kv.Key}\"]"))));

    /// <summary>A dataset of the single element <paramref name="tensors"/>.</summary>
    public Dataset<Tensor> from_tensors(Tensor tensors) => new TensorsDataset<Tensor>(Captured(tensors));
    /// <summary>A dataset of the single element, the pair <paramref name="tensors"/>.</summary>
    public Dataset<(Tensor, Tensor)> from_tensors((Tensor, Tensor) tensors) =>
        new TensorsDataset<(Tensor, Tensor)>((Captured(tensors.Item1), Captured(tensors.Item2)));
    /// <summary>A dataset of the single element, the tuple <paramref name="tensors"/> (tensors, NumSharp or .NET
    /// arrays).</summary>
    public Dataset<(Tensor, Tensor, Tensor)> from_tensors((object, object, object) tensors) =>
        new TensorsDataset<(Tensor, Tensor, Tensor)>(Tuple<(Tensor, Tensor, Tensor)>(tensors));
    /// <inheritdoc cref="from_tensors(ValueTuple{object, object, object})"/>
    public Dataset<(Tensor, Tensor, Tensor, Tensor)> from_tensors((object, object, object, object) tensors) =>
        new TensorsDataset<(Tensor, Tensor, Tensor, Tensor)>(Tuple<(Tensor, Tensor, Tensor, Tensor)>(tensors));
    /// <inheritdoc cref="from_tensors(ValueTuple{object, object, object})"/>
    public Dataset<(Tensor, Tensor, Tensor, Tensor, Tensor)> from_tensors((object, object, object, object, object) tensors) =>
        new TensorsDataset<(Tensor, Tensor, Tensor, Tensor, Tensor)>(Tuple<(Tensor, Tensor, Tensor, Tensor, Tensor)>(tensors));
    /// <summary>A dataset of the single element, the dictionary <paramref name="tensors"/>.</summary>
    public Dataset<Dictionary<string, Tensor>> from_tensors(IReadOnlyDictionary<string, Tensor> tensors) =>
        new TensorsDataset<Dictionary<string, Tensor>>(tensors.ToDictionary(kv => kv.Key, kv => Captured(kv.Value)));

    /// <summary>
    /// The elements <paramref name="generator"/> yields, converted to tensors of <paramref name="output_signature"/>'s
    /// dtypes (a <see cref="TensorSpec"/>, a tuple of them or a dictionary; a dimension of -1 is unknown). It may yield
    /// tensors, .NET scalars and arrays or NumSharp arrays, in tuples or dictionaries shaped as the signature; each
    /// pass calls it again. A yielded element of another structure or shape fails naming both, as TensorFlow's.
    /// </summary>
    public Dataset<Tensor> from_generator(Func<IEnumerable> generator, TensorSpec output_signature) =>
        new GeneratorDataset<Tensor>(generator, output_signature);
    /// <inheritdoc cref="from_generator(Func{IEnumerable}, TensorSpec)"/>
    public Dataset<(Tensor, Tensor)> from_generator(Func<IEnumerable> generator, (TensorSpec, TensorSpec) output_signature) =>
        new GeneratorDataset<(Tensor, Tensor)>(generator, output_signature);
    /// <inheritdoc cref="from_generator(Func{IEnumerable}, TensorSpec)"/>
    public Dataset<(Tensor, Tensor, Tensor)> from_generator(Func<IEnumerable> generator, (TensorSpec, TensorSpec, TensorSpec) output_signature) =>
        new GeneratorDataset<(Tensor, Tensor, Tensor)>(generator, output_signature);
    /// <inheritdoc cref="from_generator(Func{IEnumerable}, TensorSpec)"/>
    public Dataset<Dictionary<string, Tensor>> from_generator(Func<IEnumerable> generator, Dictionary<string, TensorSpec> output_signature) =>
        new GeneratorDataset<Dictionary<string, Tensor>>(generator, output_signature);

    /// <summary>Scalars <c>start, start + step, …</c> below <paramref name="stop"/> (above it for a negative step), as
    /// <paramref name="output_type"/> (int64 by default).</summary>
    public Dataset<Tensor> range(long start, long stop, long step = 1, DType? output_type = null) => new RangeDataset(start, stop, step, output_type);

    /// <summary>Scalars <c>0 … stop − 1</c> as <paramref name="output_type"/> (int64 by default).</summary>
    public Dataset<Tensor> range(long stop, DType? output_type = null) => new RangeDataset(0, stop, 1, output_type);

    /// <summary>Tuples of one element of each dataset, as long as the shortest one (TensorFlow's <c>zip(a, b)</c> and
    /// <c>zip((a, b))</c>).</summary>
    public Dataset<(T1, T2)> zip<T1, T2>(Dataset<T1> first, Dataset<T2> second) => new ZipDataset<(T1, T2)>(first, second);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2, T3)> zip<T1, T2, T3>(Dataset<T1> a, Dataset<T2> b, Dataset<T3> c) => new ZipDataset<(T1, T2, T3)>(a, b, c);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2, T3, T4)> zip<T1, T2, T3, T4>(Dataset<T1> a, Dataset<T2> b, Dataset<T3> c, Dataset<T4> d) =>
        new ZipDataset<(T1, T2, T3, T4)>(a, b, c, d);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2, T3, T4, T5)> zip<T1, T2, T3, T4, T5>(Dataset<T1> a, Dataset<T2> b, Dataset<T3> c, Dataset<T4> d, Dataset<T5> e) =>
        new ZipDataset<(T1, T2, T3, T4, T5)>(a, b, c, d, e);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2)> zip<T1, T2>((Dataset<T1>, Dataset<T2>) datasets) => zip(datasets.Item1, datasets.Item2);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2, T3)> zip<T1, T2, T3>((Dataset<T1>, Dataset<T2>, Dataset<T3>) datasets) =>
        zip(datasets.Item1, datasets.Item2, datasets.Item3);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2, T3, T4)> zip<T1, T2, T3, T4>((Dataset<T1>, Dataset<T2>, Dataset<T3>, Dataset<T4>) datasets) =>
        zip(datasets.Item1, datasets.Item2, datasets.Item3, datasets.Item4);
    /// <inheritdoc cref="zip{T1, T2}(Dataset{T1}, Dataset{T2})"/>
    public Dataset<(T1, T2, T3, T4, T5)> zip<T1, T2, T3, T4, T5>((Dataset<T1>, Dataset<T2>, Dataset<T3>, Dataset<T4>, Dataset<T5>) datasets) =>
        zip(datasets.Item1, datasets.Item2, datasets.Item3, datasets.Item4, datasets.Item5);

    /// <summary>A tuple of captured tensors from a tuple of values (tensors, NumSharp or .NET arrays).</summary>
    static T Tuple<T>(System.Runtime.CompilerServices.ITuple values) => Structure<T>.Of.Compose(
        Enumerable.Range(0, values.Length).Select(i => (object)Captured(Converted(values[i]!, $"tensors[{i}]"))).ToArray());

    static Tensor Converted(object value, string argument) => TensorConversion.FromObject(value, null, null, argument);

    /// <summary>The dataset's own handle on the values: an alias (tensors are immutable) or, for a variable, a copy.</summary>
    internal static Tensor Captured(Tensor tensor)
    {
        if (tensor is not Variable) return Captures.Register(Tensor.Unowned(tensor.Native.detach()));
        using var values = tensor.Native.detach();
        return Captures.Register(Tensor.Unowned(values.clone()));
    }
}
