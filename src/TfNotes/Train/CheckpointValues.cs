using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>Values as a checkpoint stores them: variables' bytes, counters as int64 and rates as float64 scalars (exact).</summary>
internal static class CheckpointValues
{
    internal static readonly Shape ScalarShape = new(Array.Empty<long>());

    internal static void Assign(Variable variable, StoredTensor value)
    {
        using var tensor = Tensor.Wrap(value.ToNative());
        variable.assign(tensor);
    }

    internal static StoredTensor Scalar(long value) => new(DType.Int64, ScalarShape, BitConverter.GetBytes(value));
    internal static StoredTensor Scalar(double value) => new(DType.Float64, ScalarShape, BitConverter.GetBytes(value));

    internal static long Int64(StoredTensor value) => BitConverter.ToInt64(value.Data);
    internal static double Float64(StoredTensor value) => BitConverter.ToDouble(value.Data);
}
