using NumSharp;
using TorchSharp;

namespace TfNotes.Data;

/// <summary><c>tf.data.Dataset</c>'s constructors. Their input is copied or aliased, never changed or freed.</summary>
public sealed class DatasetSources
{
    internal DatasetSources() { }

    /// <summary>One element per row (slice along the first dimension) of <paramref name="tensors"/>.</summary>
    public Dataset<Tensor> from_tensor_slices(Tensor tensors) => TensorSlicesDataset<Tensor>.Create(Captured(tensors));
    public Dataset<Tensor> from_tensor_slices(NDArray tensors) => from_tensor_slices(Converted(tensors, nameof(tensors)));
    public Dataset<Tensor> from_tensor_slices(Array tensors) => from_tensor_slices(Converted(tensors, nameof(tensors)));

    /// <summary>Pairs of rows <c>(x[i], y[i])</c>; the inputs may be tensors, NumSharp arrays or .NET arrays.</summary>
    public Dataset<(Tensor, Tensor)> from_tensor_slices((Tensor, Tensor) tensors) =>
        TensorSlicesDataset<(Tensor, Tensor)>.Create((Captured(tensors.Item1), Captured(tensors.Item2)));
    public Dataset<(Tensor, Tensor)> from_tensor_slices((object, object) tensors) =>
        from_tensor_slices((Converted(tensors.Item1, nameof(tensors)), Converted(tensors.Item2, nameof(tensors))));

    public Dataset<(Tensor, Tensor, Tensor)> from_tensor_slices((object, object, object) tensors) =>
        TensorSlicesDataset<(Tensor, Tensor, Tensor)>.Create((Captured(Converted(tensors.Item1, nameof(tensors))),
            Captured(Converted(tensors.Item2, nameof(tensors))), Captured(Converted(tensors.Item3, nameof(tensors)))));

    /// <summary>Dictionaries of rows <c>{name: x[i]}</c>, from tensors, NumSharp arrays or .NET arrays.</summary>
    public Dataset<Dictionary<string, Tensor>> from_tensor_slices<TValue>(IReadOnlyDictionary<string, TValue> tensors) where TValue : notnull =>
        TensorSlicesDataset<Dictionary<string, Tensor>>.Create(
            tensors.ToDictionary(kv => kv.Key, kv => Captured(Converted(kv.Value, $"{nameof(tensors)}[\"{kv.Key}\"]"))));

    /// <summary>A dataset of the single element <paramref name="tensors"/>.</summary>
    public Dataset<Tensor> from_tensors(Tensor tensors) => new TensorsDataset<Tensor>(Captured(tensors));
    public Dataset<(Tensor, Tensor)> from_tensors((Tensor, Tensor) tensors) =>
        new TensorsDataset<(Tensor, Tensor)>((Captured(tensors.Item1), Captured(tensors.Item2)));
    public Dataset<Dictionary<string, Tensor>> from_tensors(IReadOnlyDictionary<string, Tensor> tensors) =>
        new TensorsDataset<Dictionary<string, Tensor>>(tensors.ToDictionary(kv => kv.Key, kv => Captured(kv.Value)));

    /// <summary>int64 scalars <c>start, start + step, …</c> below <paramref name="stop"/> (above it for a negative step).</summary>
    public Dataset<Tensor> range(long start, long stop, long step = 1) => new RangeDataset(start, stop, step);

    /// <summary>int64 scalars <c>0 … stop − 1</c>.</summary>
    public Dataset<Tensor> range(long stop) => new RangeDataset(0, stop, 1);

    /// <summary>Pairs of elements of <paramref name="first"/> and <paramref name="second"/>, as long as the shorter one.</summary>
    public Dataset<(T1, T2)> zip<T1, T2>(Dataset<T1> first, Dataset<T2> second) => new ZipDataset<T1, T2>(first, second);

    static Tensor Converted(object value, string argument) => TensorConversion.FromObject(value, null, null, argument);

    /// <summary>The dataset's own handle on the values: an alias (tensors are immutable) or, for a variable, a copy.</summary>
    static Tensor Captured(Tensor tensor) =>
        Tensor.Unowned(tensor is Variable ? tensor.Native.detach().clone() : tensor.Native.detach().alias());
}
