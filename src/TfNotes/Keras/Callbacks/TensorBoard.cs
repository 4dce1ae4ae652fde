using TfNotes.Summary;
using static TfNotes.Binding;

namespace TfNotes.Keras.Callbacks;

/// <summary>
/// Keras 3's <c>TensorBoard(log_dir, histogram_freq, update_freq)</c> on <c>tf.summary</c>, in Keras 3's layout:
/// <list type="bullet">
/// <item><c>log_dir/train</c>: after each epoch <c>epoch_&lt;metric&gt;</c> (<c>epoch_loss</c>, <c>epoch_accuracy</c>, …,
/// and <c>epoch_learning_rate</c>) at step = epoch; every <c>histogram_freq</c> epochs (epoch % freq == 0)
/// a histogram of each weight, <c>&lt;layer&gt;/&lt;weight&gt;/histogram</c> (Keras' <c>weight.path</c>; also the
/// variables a subclassed model holds itself, <c>&lt;weight&gt;/histogram</c>, which Keras skips); with <c>update_freq</c>
/// <c>"batch"</c> or N, <c>batch_&lt;metric&gt;</c> every N training batches at step = the batch count since fit began.</item>
/// <item><c>log_dir/validation</c>: after each epoch with validation, <c>epoch_&lt;metric&gt;</c> of the <c>val_</c>
/// logs (the prefix removed); after each evaluation, <c>evaluation_&lt;metric&gt;_vs_iterations</c> at step = the
/// optimizer's iterations.</item>
/// </list>
/// TfNotes runs eagerly: no graph (<c>write_graph</c>) and no profile are written.
/// </summary>
public sealed class TensorBoard : Callback
{
    readonly int batchFrequency;
    SummaryWriter? train, validation;
    long trainBatches;

    /// <summary>Keras' <c>TensorBoard(log_dir, histogram_freq, update_freq)</c>; <c>update_freq</c> is "epoch" (null), "batch" or a positive number of batches.</summary>
    public TensorBoard(string log_dir = "logs", int histogram_freq = 0, object? update_freq = null)
    {
        if (string.IsNullOrWhiteSpace(log_dir)) throw new ArgumentException($"TensorBoard: `log_dir` must be a folder path. Received: log_dir='{log_dir}'", nameof(log_dir));
        if (histogram_freq < 0) throw new ArgumentOutOfRangeException(nameof(histogram_freq), histogram_freq, $"`histogram_freq` must be >= 0. Received: histogram_freq={histogram_freq}");
        batchFrequency = (update_freq ?? "epoch") switch
        {
            "epoch" => 0,
            "batch" => 1,
            int n when n > 0 => n,
            var other => throw new ArgumentException($"TensorBoard: `update_freq` must be 'epoch', 'batch' or a positive number of batches. Received: update_freq={other}",
                nameof(update_freq)),
        };
        (this.log_dir, this.histogram_freq, this.update_freq) = (log_dir, histogram_freq, update_freq ?? "epoch");
    }

    /// <summary>Keras' <c>log_dir</c>: the folder of the <c>train</c> and <c>validation</c> event files.</summary>
    public string log_dir { get; }
    /// <summary>Keras' <c>histogram_freq</c>: write weight histograms every this many epochs (0: never).</summary>
    public int histogram_freq { get; }
    /// <summary>Keras' <c>update_freq</c>: "epoch", "batch" or a number of batches between batch-level scalars.</summary>
    public object update_freq { get; }

    SummaryWriter Train => train ??= tf.summary.create_file_writer(Path.Combine(log_dir, "train"));
    SummaryWriter Validation => validation ??= tf.summary.create_file_writer(Path.Combine(log_dir, "validation"));

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        trainBatches = 0;
        _ = Train;   // a log dir that cannot be written fails here, before the first epoch
    }

    /// <inheritdoc/>
    public override void on_train_batch_begin(int batch, Dictionary<string, double>? logs = null) => trainBatches++;

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (batchFrequency == 0 || logs is null || trainBatches % batchFrequency != 0) return;
        using (Train.as_default())
            foreach (var (name, value) in logs) tf.summary.scalar($"batch_{name}", value, step: trainBatches);
    }

    /// <inheritdoc/>
    public override void on_test_end(Dictionary<string, double>? logs = null)
    {
        if (logs is null || logs.Count == 0 || Model.optimizer is not { } optimizer) return;
        using (Validation.as_default())
            foreach (var (name, value) in logs) tf.summary.scalar($"evaluation_{name}_vs_iterations", value, step: optimizer.iterations);
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        if (logs is not null && logs.Count > 0)
        {
            using (Train.as_default())
            {
                foreach (var (name, value) in logs.Where(l => !l.Key.StartsWith("val_", StringComparison.Ordinal)))
                    tf.summary.scalar($"epoch_{name}", value, step: epoch);
                if (Model.optimizer is { } optimizer && !logs.ContainsKey("learning_rate"))
                    tf.summary.scalar("epoch_learning_rate", optimizer.learning_rate, step: epoch);
            }
            var validated = logs.Where(l => l.Key.StartsWith("val_", StringComparison.Ordinal)).ToList();
            if (validated.Count > 0)
                using (Validation.as_default())
                    foreach (var (name, value) in validated) tf.summary.scalar($"epoch_{name[4..]}", value, step: epoch);
        }
        if (histogram_freq > 0 && epoch % histogram_freq == 0) LogWeights(epoch);
    }

    void LogWeights(int epoch)
    {
        using (Train.as_default())
            foreach (var (name, weight) in Model.NamedWeights)
                tf.summary.histogram($"{name}/histogram", weight, step: epoch);
    }

    /// <inheritdoc/>
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        train?.close();
        validation?.close();
        (train, validation) = (null, null);
    }
}
