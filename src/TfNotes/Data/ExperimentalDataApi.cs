namespace TfNotes.Data;

/// <summary><c>tf.data.experimental</c>.</summary>
public sealed class ExperimentalDataApi
{
    internal ExperimentalDataApi() { }

    /// <summary>The scalars <c>start, start + step, …</c> without end, as <paramref name="dtype"/> (int64 by default).</summary>
    public Dataset<Tensor> Counter(long start = 0, long step = 1, DType? dtype = null) => new RangeDataset(start, null, step, dtype, "Counter");
}
