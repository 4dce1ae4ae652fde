namespace TfNotes.Keras.Metrics;

/// <summary>
/// A Keras metric averaged over everything passed to <c>update_state</c> since the last <see cref="reset_state"/>:
/// <c>result = total / count</c> (0 before any update), with sample weights <c>Σ w·v / Σ w</c>. The state is two
/// float64 numbers on the host, so a metric keeps no tensor and costs nothing to carry across any number of steps.
/// Keras names convert to metrics (<c>"accuracy"</c>, <c>"sparse_categorical_accuracy"</c>, <c>"mse"</c>), so
/// <c>compile(metrics: ["accuracy"])</c> ports as written; <c>"accuracy"</c> becomes the accuracy that fits the labels
/// and predictions (binary, sparse or categorical), chosen on the first batch as Keras does.
/// </summary>
public abstract class Metric
{
    double total;
    double count;

    /// <summary>A metric named <paramref name="name"/>.</summary>
    protected Metric(string name) => this.name = name;

    /// <summary>The metric's name, the key of its value in logs and <c>History</c>.</summary>
    public string name { get; internal set; }

    /// <summary>Whether larger is better (<c>"up"</c>, accuracies), smaller (<c>"down"</c>, errors) or unknown (null), as Keras' <c>_direction</c>.</summary>
    internal virtual string? Direction => null;

    /// <summary>The running mean as a float32 scalar tensor (Keras' <c>result()</c>).</summary>
    public Tensor result() => Binding.tf.constant(Value);

    /// <summary>The running mean, rounded to float32 as Keras' float32 result.</summary>
    internal float Value => (float)(count == 0 ? 0 : total / count);

    /// <summary>Keras' <c>reset_state()</c>: forgets every update, so the result is 0 again.</summary>
    public void reset_state() => (total, count) = (0, 0);

    /// <summary>Adds <paramref name="sum"/> to the running total and <paramref name="n"/> to the count (a subclass'
    /// update).</summary>
    protected void Accumulate(double sum, double n)
    {
        total += sum;
        count += n;
    }

    /// <summary>A Keras metric name (<c>"accuracy"</c>, <c>"sparse_categorical_accuracy"</c>, <c>"mse"</c>…), as
    /// <c>keras.metrics.get</c>.</summary>
    public static implicit operator Metric(string identifier) => MetricsApi.Get(identifier);

    /// <summary><c>&lt;Mean name=loss result=0.5&gt;</c> with this metric's class, name and current result.</summary>
    public override string ToString() => $"<{GetType().Name} name={name} result={Value}>";
}
