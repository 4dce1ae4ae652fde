namespace TfNotes.Data;

/// <summary><c>unique()</c>: each distinct element (same shape and values) once, where it first occurs; int32 and int64
/// elements, as TensorFlow's.</summary>
internal sealed class UniqueDataset : Dataset<Tensor>
{
    readonly Dataset<Tensor> input;

    internal UniqueDataset(Dataset<Tensor> input)
    {
        var dtype = ((TensorSpec)input.element_spec).dtype;
        if (dtype != DType.Int32 && dtype != DType.Int64)
            throw new ArgumentException($"unique: `tf.data.Dataset.unique` does not support type {dtype} -- only `tf.int32`, `tf.int64`, and " +
                "`tf.string` are supported (TfNotes has no string tensors).");
        this.input = input;
    }

    internal override IEnumerator<Tensor> OpenPass()
    {
        var seen = new HashSet<string>();
        using var pass = input.OpenPass();
        while (pass.MoveNext())
        {
            var element = pass.Current;
            string key;
            using (var values = element.Native.contiguous()) key = $"{element.shape}:{Convert.ToBase64String(values.bytes)}";
            if (seen.Add(key)) yield return element;
            else element.Dispose();
        }
    }

    public override long cardinality() => DataApi.UnknownCardinality;
    private protected override object ComputeSpec() => input.element_spec;
}
