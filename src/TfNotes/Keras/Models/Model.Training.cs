using TfNotes.Keras.Callbacks;
using TfNotes.Keras.Losses;
using TfNotes.Keras.Metrics;
using TfNotes.Keras.Optimizers;
using TfNotes.Keras.Trainers;
using static TfNotes.Binding;

namespace TfNotes.Keras;

/// <summary>
/// Keras 3's training API. One training step, on one batch (x, y):
/// <code>
/// ŷ = model.Apply(x, training: true);  J = loss(y, ŷ)          on a GradientTape
/// optimizer.apply(dJ/dθ, θ)                                   θ: trainable_variables
/// loss tracker += J weighted by the batch size; metrics += (y, ŷ)
/// </code>
/// Each step runs in a step of its own (see <see cref="StepScope"/>), so its tensors are freed when it ends and
/// memory stays flat over any number of steps; logs hold numbers, never tensors.
/// </summary>
public abstract partial class Model
{
    readonly Mean lossTracker = new("loss");
    List<Metric> compiledMetrics = [];

    /// <summary>The optimizer <c>compile</c> set; null before it.</summary>
    public Optimizer? optimizer { get; private set; }
    /// <summary>The loss <c>compile</c> set; null before it or when none was given.</summary>
    public Loss? loss { get; private set; }
    /// <summary>Whether <c>compile</c> has been called (Keras' <c>compiled</c>).</summary>
    public bool compiled { get; private set; }

    /// <summary>Set by a callback to end <c>fit</c> after the current batch (Keras' <c>model.stop_training</c>).</summary>
    public bool stop_training { get; set; }

    /// <summary>The training batches of the running <c>fit</c> (a backup holds their shuffle position).</summary>
    internal Data.IDataset? FitBatches { get; private set; }

    /// <summary>The callbacks of the running <c>fit</c> (a backup holds the state of its EarlyStopping ones).</summary>
    internal IReadOnlyList<Callback> FitCallbacks { get; private set; } = [];

    /// <summary>Set by a callback's <c>on_train_begin</c> to start <c>fit</c> at this epoch (Keras' <c>model._initial_epoch</c>, as BackupAndRestore sets it).</summary>
    internal int? ResumeAt { get; set; }

    /// <summary>The <see cref="History"/> of the last <c>fit</c>.</summary>
    public History? history { get; internal set; }

    /// <summary>Keras' order: the loss tracker, then the compiled metrics.</summary>
    public IReadOnlyList<Metric> metrics => compiled ? [lossTracker, .. compiledMetrics] : [];
    /// <summary>The names of <see cref="metrics"/>: <c>"loss"</c>, then the compiled metrics' names.</summary>
    public IReadOnlyList<string> metrics_names => metrics.Select(m => m.name).ToList();

    /// <summary>
    /// Keras' <c>compile</c>: the optimizer (default RMSprop, Keras' default), the loss and the metrics; strings name
    /// them as Keras does (<c>"adam"</c>, <c>"sparse_categorical_crossentropy"</c>, <c>["accuracy"]</c>).
    /// </summary>
    public void compile(Optimizer? optimizer = null, Loss? loss = null, IEnumerable<Metric>? metrics = null)
    {
        var list = (metrics ?? []).ToList();
        foreach (var m in list)
            if (m is not MeanMetricWrapper)
                throw new ArgumentException($"compile: metric '{m?.name}' ({m?.GetType().Name}) does not take (y_true, y_pred); " +
                    "metrics must be accuracies or other per-example metrics", nameof(metrics));
        if (list.Select(m => m.name).Append("loss").GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } clash)
            throw new ArgumentException($"compile: two metrics are named '{clash.Key}'", nameof(metrics));
        this.optimizer = optimizer ?? new RMSprop();
        this.loss = loss;
        compiledMetrics = list;
        compiled = true;
    }

    /// <summary>Keras' <c>reset_metrics()</c>: resets the loss tracker and every compiled metric.</summary>
    public void reset_metrics()
    {
        foreach (var m in metrics) m.reset_state();
    }

    /// <summary>
    /// Keras' <c>fit</c>. <paramref name="x"/> is a tf.data Dataset of (x, y) batches (then no <paramref name="y"/>),
    /// or examples (tensor, NumSharp or .NET array) with labels <paramref name="y"/>, batched by
    /// <paramref name="batch_size"/> (default 32) and reshuffled every epoch when <paramref name="shuffle"/>.
    /// <paramref name="validation_split"/> holds out the last fraction of in-memory examples (before shuffling);
    /// <paramref name="validation_data"/> is an (x, y) pair or a Dataset. Each epoch's logs — <c>loss</c>, the
    /// metrics, and <c>val_</c>-prefixed ones after validation — go to the callbacks and the returned
    /// <see cref="History"/>. <paramref name="verbose"/>: 1 a progress bar (one line per epoch when not in a
    /// terminal), 2 one line per epoch, 0 silent.
    /// </summary>
    public History fit(object? x = null, object? y = null, int? batch_size = null, int epochs = 1, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null, bool shuffle = true,
        int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int? validation_batch_size = null, int validation_freq = 1)
    {
        AssertCompiled("fit");
        if (!(validation_split >= 0 && validation_split < 1))
            throw new ArgumentOutOfRangeException(nameof(validation_split), validation_split, $"`validation_split` must be in [0, 1). Received: validation_split={validation_split}");
        if (epochs < 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "fit: `epochs` must be >= 0");
        if (verbose is < 0 or > 2) throw new ArgumentOutOfRangeException(nameof(verbose), verbose, "fit: `verbose` must be 0, 1 or 2");
        if (validation_freq < 1) throw new ArgumentOutOfRangeException(nameof(validation_freq), validation_freq, "fit: `validation_freq` must be >= 1");

        var train = TrainingData.Of(x, y, batch_size, shuffle, "fit");
        TrainingData? validation = null;
        if (validation_data is not null) validation = TrainingData.OfValidation(validation_data, validation_batch_size ?? batch_size ?? 32);
        else if (validation_split > 0) (train, validation) = train.Split(validation_split);

        long? steps = steps_per_epoch ?? train.Steps;
        var list = new CallbackList(callbacks, this, addHistory: true, verbose, epochs, steps);
        stop_training = false;
        var trainable = trainable_variables;
        var trainingLogs = new Dictionary<string, double>();
        FitBatches = train.Batches();
        FitCallbacks = list.Callbacks;
        ResumeAt = null;
        list.OnTrainBegin();
        for (int epoch = ResumeAt ?? initial_epoch; epoch < epochs; epoch++)
        {
            reset_metrics();
            list.OnEpochBegin(epoch);
            int batch = 0;
            foreach (var (xb, yb) in train.Batches())
            {
                list.OnTrainBatchBegin(batch);
                trainable = TrainStep(xb, yb, trainable);
                list.OnTrainBatchEnd(batch, Logs());
                batch++;
                if (stop_training || batch == steps_per_epoch) break;
            }
            var epochLogs = Logs();
            if (validation is not null && (epoch + 1) % validation_freq == 0)
                foreach (var (name, value) in Evaluate(validation, validation_steps, list)) epochLogs[$"val_{name}"] = value;
            list.OnEpochEnd(epoch, epochLogs);
            trainingLogs = epochLogs;
            if (stop_training) break;
        }
        list.OnTrainEnd(trainingLogs);
        (FitBatches, FitCallbacks) = (null, []);   // not kept alive past the fit
        return list.History!;
    }

    /// <summary>
    /// Keras' <c>evaluate</c>: the loss and metrics over <paramref name="x"/>, <paramref name="y"/> in inference mode
    /// (batches of <paramref name="batch_size"/>, default 32, not shuffled), in <see cref="metrics_names"/> order.
    /// </summary>
    public MetricResults evaluate(object? x = null, object? y = null, int? batch_size = null, int verbose = 1, IEnumerable<Callback>? callbacks = null,
        int? steps = null)
    {
        AssertCompiled("evaluate");
        var data = TrainingData.Of(x, y, batch_size, shuffle: false, "evaluate");
        var list = new CallbackList(callbacks, this, addHistory: false, verbose, 1, steps ?? data.Steps);
        Evaluate(data, steps, list);
        return new(Logs(sorted: false));
    }

    /// <summary>The loss and metrics after testing on <paramref name="data"/>, as Keras' evaluate (metrics reset first).</summary>
    Dictionary<string, double> Evaluate(TrainingData data, int? steps, CallbackList list)
    {
        reset_metrics();
        list.OnTestBegin();
        int batch = 0;
        foreach (var (xb, yb) in data.Batches())
        {
            list.OnTestBatchBegin(batch);
            TestStep(xb, yb);
            list.OnTestBatchEnd(batch, Logs());
            if (++batch == steps) break;
        }
        var logs = Logs();
        list.OnTestEnd(logs);
        return logs;
    }

    /// <summary>
    /// Keras' <c>predict</c>: the model's outputs for <paramref name="x"/> (examples, or a Dataset of x or (x, y)
    /// batches) in inference mode, batches of <paramref name="batch_size"/> (default 32) concatenated in order.
    /// </summary>
    public Tensor predict(object x, int? batch_size = null, int verbose = 1, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (batch_size is <= 0) throw new ArgumentOutOfRangeException(nameof(batch_size), batch_size, "predict: `batch_size` must be positive");
        IEnumerable<Tensor> batches = x switch
        {
            Data.Dataset<(Tensor, Tensor)> pairs => pairs.Select(p => p.Item1),
            Data.Dataset<Tensor> inputs => inputs,
            _ => tf.data.Dataset.from_tensor_slices(TrainingData.Convert(x, nameof(x), "predict")).batch(batch_size ?? 32),
        };
        long? count = x switch
        {
            Data.Dataset<(Tensor, Tensor)> pairs => pairs.cardinality(),
            Data.Dataset<Tensor> inputs => inputs.cardinality(),
            _ => null,
        };
        var list = new CallbackList(callbacks, this, addHistory: false, verbose, 1, steps ?? (count >= 0 ? count : null));
        var outputs = new List<Tensor>();
        try
        {
            list.OnPredictBegin();
            int batch = 0;
            foreach (var xb in batches)
            {
                list.OnPredictBatchBegin(batch);
                using (var step = StepScope.Begin()) outputs.Add(Apply(xb, training: false).keep());
                list.OnPredictBatchEnd(batch);
                if (++batch == steps) break;
            }
            list.OnPredictEnd();
            if (outputs.Count == 0) throw new ArgumentException("predict: the input has no examples", nameof(x));
            return outputs.Count == 1 ? outputs[0] : Tensor.Unowned(TorchSharp.torch.cat(outputs.Select(o => o.Native).ToArray(), 0));
        }
        finally
        {
            if (outputs.Count > 1) foreach (var o in outputs) o.Dispose();
        }
    }

    /// <summary>Keras' <c>train_on_batch</c>: one training step; the loss and metrics of this batch alone (Keras resets them first).</summary>
    public MetricResults train_on_batch(object x, object y, object? sample_weight = null)
    {
        AssertCompiled("train_on_batch");
        reset_metrics();
        var (xb, yb) = (TrainingData.Convert(x, nameof(x), "train_on_batch"), TrainingData.Convert(y, nameof(y), "train_on_batch"));
        TrainStep(xb, yb, trainable_variables, sample_weight is null ? null : TrainingData.Convert(sample_weight, nameof(sample_weight), "train_on_batch"));
        return new(Logs(sorted: false));
    }

    /// <summary>Keras' <c>test_on_batch</c>: the loss and metrics of one batch in inference mode.</summary>
    public MetricResults test_on_batch(object x, object y, object? sample_weight = null)
    {
        AssertCompiled("test_on_batch");
        reset_metrics();
        var (xb, yb) = (TrainingData.Convert(x, nameof(x), "test_on_batch"), TrainingData.Convert(y, nameof(y), "test_on_batch"));
        TestStep(xb, yb, sample_weight is null ? null : TrainingData.Convert(sample_weight, nameof(sample_weight), "test_on_batch"));
        return new(Logs(sorted: false));
    }

    /// <summary>One training step in a step scope of its own; returns the trainable variables (found again if the first call built the model).</summary>
    IReadOnlyList<Variable> TrainStep(Tensor x, Tensor y, IReadOnlyList<Variable> trainable, Tensor? sampleWeight = null)
    {
        using var step = StepScope.Begin();
        Tensor value, prediction;
        Tensor?[] grads;
        using (var tape = tf.GradientTape())
        {
            prediction = Apply(x, training: true);
            if (trainable.Count == 0) trainable = trainable_variables; // built by this first call
            value = ComputeLoss(y, prediction, sampleWeight);
            grads = tape.gradient(value, trainable);
        }
        optimizer!.apply(grads, trainable);
        UpdateMetrics(x, y, prediction, value, sampleWeight);
        return trainable;
    }

    void TestStep(Tensor x, Tensor y, Tensor? sampleWeight = null)
    {
        using var step = StepScope.Begin();
        using var noGrad = TorchSharp.torch.no_grad();
        var prediction = Apply(x, training: false);
        UpdateMetrics(x, y, prediction, ComputeLoss(y, prediction, sampleWeight), sampleWeight);
    }

    Tensor ComputeLoss(Tensor y, Tensor prediction, Tensor? sampleWeight)
    {
        if (loss is null)
            throw new InvalidOperationException("No loss to compute. Provide a `loss` argument in `compile()`.");
        var value = loss.Call(y, prediction, sampleWeight);
        if (value.ndim != 0)
            throw new InvalidOperationException($"the loss '{loss.name}' must reduce to a scalar for training (reduction={loss.reduction ?? "None"} gave shape {value.shape})");
        return value;
    }

    /// <summary>Keras: the loss tracker weighs each batch's loss by its number of examples.</summary>
    void UpdateMetrics(Tensor x, Tensor y, Tensor prediction, Tensor value, Tensor? sampleWeight)
    {
        lossTracker.Add((float)value, x.ndim == 0 ? 1 : x.shape[0]);
        foreach (var metric in compiledMetrics) ((MeanMetricWrapper)metric).update_state(y, prediction, sampleWeight);
    }

    /// <summary>The metrics' values, sorted by name as Keras hands logs to callbacks (or in <see cref="metrics"/> order).</summary>
    Dictionary<string, double> Logs(bool sorted = true)
    {
        var all = metrics.Select(m => new KeyValuePair<string, double>(m.name, m.Value));
        return new(sorted ? all.OrderBy(e => e.Key, StringComparer.Ordinal) : all);
    }

    void AssertCompiled(string method)
    {
        if (!compiled) throw new InvalidOperationException($"You must call `compile()` before calling `{method}()`.");
    }
}
