using TorchSharp;

namespace TfNotes.Data;

/// <summary><c>Dataset.range</c> (and <c>tf.data.experimental.Counter</c>, a range without end): scalars of
/// <c>output_type</c> (int64 by default), made lazily.</summary>
internal sealed class RangeDataset : Dataset<Tensor>
{
    readonly long start, step;
    readonly long? stop;
    readonly DType dtype;

    internal RangeDataset(long start, long? stop, long step, DType? outputType, string op = "range")
    {
        if (step == 0) throw new ArgumentOutOfRangeException(nameof(step), step, $"{op}: step must not be 0");
        dtype = outputType ?? DType.Int64;
        if (dtype == DType.Bool) throw new ArgumentException($"{op}: output_type must be a numeric dtype, got {dtype}", "output_type");
        (this.start, this.stop, this.step) = (start, stop, step);
    }

    internal override IEnumerator<Tensor> OpenPass()
    {
        for (long i = start; stop is not { } end || (step > 0 ? i < end : i > end); i = unchecked(i + step))
            yield return Tensor.Unowned(torch.tensor(i, dtype.ScalarType));
    }

    public override long cardinality()
    {
        if (stop is not { } end) return DataApi.InfiniteCardinality;
        Int128 span = step > 0 ? (Int128)end - start : (Int128)start - end; // no overflow over the whole long range
        Int128 stride = step > 0 ? step : -(Int128)step;
        return span <= 0 ? 0 : (long)Int128.Min((span + stride - 1) / stride, long.MaxValue);
    }

    private protected override object ComputeSpec() => new TensorSpec(new Shape(Array.Empty<long>()), dtype);
}
