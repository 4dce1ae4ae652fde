using TorchSharp;

namespace TfNotes.Data;

/// <summary><c>Dataset.range</c>: int64 scalars, made lazily.</summary>
internal sealed class RangeDataset : Dataset<Tensor>
{
    readonly long start, stop, step;

    internal RangeDataset(long start, long stop, long step)
    {
        if (step == 0) throw new ArgumentOutOfRangeException(nameof(step), step, "range: step must not be 0");
        (this.start, this.stop, this.step) = (start, stop, step);
    }

    internal override IEnumerator<Tensor> OpenPass()
    {
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) yield return Tensor.Unowned(torch.tensor(i));
    }

    public override long cardinality() => Math.Max(0, step > 0 ? (stop - start + step - 1) / step : (start - stop - step - 1) / -step);
    private protected override object ComputeSpec() => new TensorSpec(new Shape(Array.Empty<long>()), DType.Int64);
}
