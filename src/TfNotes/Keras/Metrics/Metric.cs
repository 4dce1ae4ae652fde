namespace TfNotes.Keras.Metrics;

/// <summary>
/// A Keras metric averaged over everything passed to <c>update_state</c> since the last <see cref="reset_state"/>:
/// <c>result = total / count</c> (0 before any update). The state is two float64 numbers on the host, so a metric
/// keeps no tensor and costs nothing to carry across any number of steps.
/// </summary>
public abstract class Metric
{
    double total;
    double count;

    protected Metric(string name) => this.name = name;

    public string name { get; }

    /// <summary>The running mean as a float32 scalar tensor (Keras' <c>result()</c>).</summary>
    public Tensor result() => Binding.tf.constant((float)(count == 0 ? 0 : total / count));

    public void reset_state() => (total, count) = (0, 0);

    protected void Accumulate(double sum, double n)
    {
        total += sum;
        count += n;
    }

    public override string ToString() => $"<{GetType().Name} name={name} result={(count == 0 ? 0 : total / count)}>";
}
