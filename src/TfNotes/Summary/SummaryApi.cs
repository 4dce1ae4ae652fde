using System.Text;
using TorchSharp;
using Tensorboard;

namespace TfNotes.Summary;

/// <summary>
/// <c>tf.summary</c>: event files for TensorBoard in TensorFlow 2's format (tensor summaries of the <c>scalars</c>,
/// <c>histograms</c>, <c>images</c> and <c>text</c> plugins). Each function writes to this thread's default writer
/// (<c>using (writer.as_default()) …</c>) and returns false, writing nothing, when there is none. The step is the one
/// given, else <c>tf.summary.experimental.set_step</c>'s or <c>as_default(step)</c>'s.
/// </summary>
public sealed class SummaryApi
{
    internal SummaryApi() { }

    /// <summary><c>tf.summary.experimental</c>: the default step.</summary>
    public SummaryExperimentalApi experimental { get; } = new();

    /// <summary>
    /// A writer of a new event file in <paramref name="logdir"/> (made if missing). It flushes when more than
    /// <paramref name="max_queue"/> events are pending or <paramref name="flush_millis"/> have passed, on
    /// <c>flush()</c>, when an <c>as_default()</c> block ends, on <c>close()</c> and at process exit. A directory that
    /// cannot be written fails here in one line.
    /// </summary>
    public SummaryWriter create_file_writer(string logdir, int max_queue = 10, int flush_millis = 120_000, string filename_suffix = ".v2")
    {
        if (string.IsNullOrWhiteSpace(logdir)) throw new ArgumentException($"create_file_writer: `logdir` must be a directory path. Received: logdir='{logdir}'", nameof(logdir));
        return new SummaryWriter(logdir, max_queue, flush_millis, filename_suffix);
    }

    /// <summary>Writes the scalar <paramref name="data"/> (cast to float32) under <paramref name="name"/>.</summary>
    public bool scalar(string name, Tensor data, long? step = null, string? description = null)
    {
        if (SummaryState.Writer is not { } writer) return false;
        if (data.ndim != 0) throw new ArgumentException($"scalar: `data` must be a scalar. Received: data.shape={data.shape}", nameof(data));
        float value;
        using (var single = data.Native.to_type(torch.ScalarType.Float32)) value = single.ToSingle();
        writer.Write(name, TensorProtos.Float(value), "scalars", DataClass.Scalar, description, SummaryState.StepFor(step));
        return true;
    }

    /// <summary>Writes the scalar <paramref name="data"/> (as float32) under <paramref name="name"/>.</summary>
    public bool scalar(string name, double data, long? step = null, string? description = null)
    {
        if (SummaryState.Writer is not { } writer) return false;
        writer.Write(name, TensorProtos.Float((float)data), "scalars", DataClass.Scalar, description, SummaryState.StepFor(step));
        return true;
    }

    /// <summary>Writes a histogram of all the elements of <paramref name="data"/> in <paramref name="buckets"/> buckets (30 by default).</summary>
    public bool histogram(string name, Tensor data, long? step = null, int? buckets = null, string? description = null)
    {
        if (SummaryState.Writer is not { } writer) return false;
        long at = SummaryState.StepFor(step);
        var rows = Histogram.Buckets(data, buckets ?? Histogram.DefaultBuckets);
        writer.Write(name, TensorProtos.Doubles(rows, rows.Length / 3, 3), "histograms", DataClass.Tensor, description, at);
        return true;
    }

    /// <summary>Writes up to <paramref name="max_outputs"/> images of the NHWC batch <paramref name="data"/> (uint8, or
    /// floats in [0, 1]; 1 to 4 channels) as PNGs.</summary>
    public bool image(string name, Tensor data, long? step = null, int max_outputs = 3, string? description = null)
    {
        if (SummaryState.Writer is not { } writer) return false;
        long at = SummaryState.StepFor(step);
        var strings = Images.Strings(data, max_outputs);
        writer.Write(name, TensorProtos.Strings(strings, strings.Count), "images", DataClass.BlobSequence, description, at);
        return true;
    }

    /// <summary>Writes the text <paramref name="data"/> (Markdown in TensorBoard).</summary>
    public bool text(string name, string data, long? step = null, string? description = null) =>
        Text(name, [data], [], step, description);

    /// <summary>Writes a vector of texts (a table in TensorBoard).</summary>
    public bool text(string name, string[] data, long? step = null, string? description = null) =>
        Text(name, data, [data.Length], step, description);

    static bool Text(string name, string[] data, long[] dims, long? step, string? description)
    {
        if (SummaryState.Writer is not { } writer) return false;
        long at = SummaryState.StepFor(step);
        writer.Write(name, TensorProtos.Strings(data.Select(Encoding.UTF8.GetBytes), dims), "text", DataClass.Tensor, description, at);
        return true;
    }

    /// <summary>Flushes this thread's default writer (or <paramref name="writer"/>).</summary>
    public void flush(SummaryWriter? writer = null) => (writer ?? SummaryState.Writer)?.flush();
}
