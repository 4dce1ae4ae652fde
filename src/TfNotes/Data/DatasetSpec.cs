namespace TfNotes.Data;

/// <summary>The spec of a dataset-valued component (a <c>window</c>): the spec of its elements, as <c>tf.data.DatasetSpec</c>.</summary>
public sealed record DatasetSpec(object element_spec)
{
    /// <summary>TensorFlow's repr: <c>DatasetSpec(TensorSpec(…), TensorShape([]))</c>.</summary>
    public override string ToString() => $"DatasetSpec({element_spec}, TensorShape([]))";
}
