namespace TfNotes;

public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.summary</c>: event files for TensorBoard (<c>create_file_writer</c>, <c>scalar</c>, <c>histogram</c>, <c>image</c>, <c>text</c>).</summary>
    public Summary.SummaryApi summary { get; } = new();
}
