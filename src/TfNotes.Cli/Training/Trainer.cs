using System.Diagnostics;
using TfNotes.Data;
using TfNotes.Keras;
using TfNotes.Keras.Callbacks;
using TfNotes.Keras.Optimizers;
using static TfNotes.Binding;

namespace TfNotes.Cli.Training;

/// <summary>
/// Trains a <see cref="TrainingOptions"/> model on Fashion-MNIST with Keras' <c>model.fit</c>: a tf.data pipeline
/// <c>from_tensor_slices((x, y)).shuffle(n, seed).batch(B).map(normalize).prefetch(AUTOTUNE)</c>, sparse categorical
/// cross-entropy from logits, the optimizer, and callbacks for the progress, the evaluation set's accuracy after each
/// epoch and, with validation data (<see cref="TrainingOptions.ValidationSplit"/>: the last part of the training
/// set, never the evaluation set), Keras' EarlyStopping on validation accuracy with the best epoch's weights
/// restored — so the model reported is the one chosen on validation data.
/// Normalising whole batches (tf.data's "vectorized mapping") gives the same values as mapping each image, at a
/// seventh of the pipeline's cost, which leaves the second core to the model (and to a second tuning worker).
/// The seed fixes tf.random, the initializers and the shuffle order, so a seed gives the same metrics on one machine.
/// A NaN or infinite loss stops training at once (Keras' TerminateOnNaN). libtorch runs on the threads the caller
/// gives (<c>tf.config.threading</c>), by default every core (<see cref="IntraOpThreads"/>), the fastest count on a
/// quiet machine (docs/PERFORMANCE.md); a count fixed per machine keeps a seed's results reproducible there. The tuner
/// passes each worker its share.
/// </summary>
public sealed class Trainer
{
    public const int Pixels = 28 * 28, Classes = 10;
    public static int IntraOpThreads => Environment.ProcessorCount;
    const int EvaluationBatchSize = 1000;

    public TrainingOptions Options { get; }
    public Model Model { get; }

    public Trainer(TrainingOptions options, int? intraOpThreads = null)
    {
        options.Validate();
        Options = options;
        tf.config.threading.set_intra_op_parallelism_threads(intraOpThreads ?? IntraOpThreads);
        tf.random.set_seed(options.Seed);
        Model = Classifier.Create(options, Pixels, Classes);
    }

    /// <summary>Compiles the model for <paramref name="steps"/> training steps: the optimizer (its rate constant or decaying over them), the loss, accuracy.</summary>
    void Compile(long steps)
    {
        LearningRate rate = Options.Schedule == ScheduleKind.Cosine
            ? tf.keras.optimizers.schedules.CosineDecay(Options.LearningRate, decay_steps: Math.Max(1, steps))
            : Options.LearningRate;
        Model.compile(
            optimizer: Options.Optimizer switch
            {
                OptimizerKind.Sgd => tf.keras.optimizers.SGD(rate, momentum: Options.Beta1),
                OptimizerKind.Rmsprop => tf.keras.optimizers.RMSprop(rate),
                _ => tf.keras.optimizers.Adam(rate, beta_1: Options.Beta1),
            },
            loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true),
            metrics: ["accuracy"]);
    }

    /// <summary>Fashion-MNIST's training set and test set (the evaluation set), cut to the options' subset sizes.</summary>
    public (LabelledImages Train, LabelledImages Evaluation) LoadData()
    {
        var (train, test) = LabelledImages.LoadFashionMnist(Options.DataDir);
        return (train.Take(Options.TrainSubset), test.Take(Options.EvaluationSubset));
    }

    /// <summary>The examples <see cref="Fit"/> trains on and validates on: the last <see cref="TrainingOptions.ValidationSplit"/> of <paramref name="train"/> validate (Keras' split).</summary>
    public (LabelledImages Train, LabelledImages? Validation) Split(LabelledImages train)
    {
        if (Options.ValidationSplit == 0) return (train, null);
        int at = (int)Math.Floor(train.Count * (1.0 - Options.ValidationSplit));
        if (at == 0 || at == train.Count)
            throw new ArgumentException($"{train.Count} training images are too few to hold out a validation split of {Options.ValidationSplit}", nameof(train));
        return (train.Slice(0, at), train.Slice(at, train.Count - at));
    }

    /// <summary>
    /// Runs <see cref="TrainingOptions.Epochs"/> epochs of <c>model.fit</c> over <paramref name="train"/> (less its
    /// validation split), measuring accuracy on <paramref name="evaluation"/> after each. Cancelling
    /// <paramref name="cancellation"/> stops after the current step. <see cref="FitExtras.BackupDir"/> backs the run up
    /// after every epoch (Keras' BackupAndRestore, deleted once the run completes) and, when a backup is there,
    /// continues from it exactly (<see cref="FitExtras.EarlierEpochs"/>: the metrics of the epochs it holds);
    /// <see cref="FitExtras.TensorBoardDir"/> writes TensorBoard logs.
    /// </summary>
    public TrainingResult Fit(LabelledImages train, LabelledImages evaluation, TrainingCallbacks? callbacks = null,
        CancellationToken cancellation = default, FitExtras? extras = null)
    {
        var (fitted, validation) = Split(train);
        var batches = tf.data.Dataset.from_tensor_slices(fitted.Tensors)
            .shuffle(fitted.Count, seed: Options.Seed)
            .batch(Options.BatchSize)
            .map(Normalize)
            .prefetch(tf.data.AUTOTUNE);
        int stepsPerEpoch = (int)batches.cardinality();
        Compile((long)stepsPerEpoch * Options.Epochs);
        var progress = new Progress(this, evaluation, callbacks, cancellation, stepsPerEpoch);
        progress.Epochs.AddRange(extras?.EarlierEpochs ?? []);
        var list = new List<Callback> { progress };
        EarlyStopping? stopping = null;
        if (validation is not null)
            list.Add(stopping = tf.keras.callbacks.EarlyStopping(monitor: "val_accuracy", patience: Options.EarlyStopping == 0 ? int.MaxValue : Options.EarlyStopping,
                restore_best_weights: true));
        if (extras?.TensorBoardDir is { } logs)
        {
            list.Add(tf.keras.callbacks.TensorBoard(logs, histogram_freq: 1));
            if (extras.EarlierEpochs.Count == 0) SampleImages(logs, fitted);
        }
        if (extras?.BackupDir is { } backup) list.Add(tf.keras.callbacks.BackupAndRestore(backup, delete_checkpoint: false));
        try
        {
            Model.fit(batches, epochs: Options.Epochs, verbose: 0, callbacks: list, validation_data: validation is null ? null : Batches(validation));
        }
        catch (TrainingStopped stop)
        {
            return new(stop.Outcome, progress.Epochs, stop.Reason);
        }
        int? chosen = stopping is { best_epoch: var best } && progress.Epochs.Count > 0 ? best + 1 : null;
        if (cancellation.IsCancellationRequested && progress.Epochs.Count < Options.Epochs)
            return new(TrainingOutcome.Cancelled, progress.Epochs, $"interrupted after epoch {progress.Epochs[^1].Epoch}", chosen);
        if (extras?.BackupDir is { } done) DeleteBackup(done);
        return new(TrainingOutcome.Completed, progress.Epochs, null, chosen);
    }

    const string BackupName = "latest";

    /// <summary>How many epochs the backup in <paramref name="backupDir"/> holds (0 when there is none).</summary>
    public static int BackedUpEpochs(string backupDir)
    {
        var prefix = Path.Combine(backupDir, BackupName);
        if (!File.Exists(prefix + ".index.json")) return 0;
        var epoch = tf.Variable(0L, trainable: false, dtype: tf.int64);
        tf.train.Checkpoint(objects: new Dictionary<string, object> { ["epoch"] = epoch }).read(prefix);
        return (int)epoch.ToArray<long>()[0];
    }

    static void DeleteBackup(string backupDir)
    {
        if (Directory.Exists(backupDir)) Directory.Delete(backupDir, recursive: true);
    }

    /// <summary>A 4 × 4 grid of the first training images, once, in TensorBoard's images tab (<c>train/samples</c>).</summary>
    static void SampleImages(string logs, LabelledImages images)
    {
        int n = Math.Min(16, images.Count), side = (int)Math.Ceiling(Math.Sqrt(n));
        var first = tf.reshape(images.Slice(0, n).Tensors.Images, new Shape(n, 28, 28));
        var padded = n == side * side ? first : tf.concat([first, tf.zeros(new Shape(side * side - n, 28, 28), tf.uint8)], axis: 0);
        var grid = tf.reshape(tf.transpose(tf.reshape(padded, new Shape(side, side, 28, 28)), [0, 2, 1, 3]), new Shape(1, side * 28, side * 28, 1));
        using var writer = tf.summary.create_file_writer(Path.Combine(logs, "train"));
        using (writer.as_default()) tf.summary.image("samples", grid, step: 0);
    }

    /// <summary>The model's accuracy on <paramref name="data"/> in inference mode (batch norm uses its moving averages).</summary>
    public double Evaluate(LabelledImages data)
    {
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        foreach (var (x, y) in Batches(data))
            accuracy.update_state(y, Model.Apply(x, training: false));
        return (float)accuracy.result();
    }

    public void SaveWeights(string path) => Model.save_weights(path);
    public void LoadWeights(string path) => Model.load_weights(path);

    static Dataset<(Tensor, Tensor)> Batches(LabelledImages data) =>
        tf.data.Dataset.from_tensor_slices(data.Tensors).batch(EvaluationBatchSize).map(Normalize);

    /// <summary>A batch of images of bytes 0–255 as rows of 784 floats in [0, 1]; the labels are kept.</summary>
    static (Tensor, Tensor) Normalize(Tensor images, Tensor labels) =>
        (tf.reshape(tf.cast(images, tf.float32) / 255.0, new Shape(-1, Pixels)), labels);

    /// <summary>Ends <c>fit</c> at once, inside a step: the unfinished epoch reaches no callback (not recorded, not chosen).</summary>
    sealed class TrainingStopped(TrainingOutcome outcome, string reason) : Exception(reason)
    {
        public TrainingOutcome Outcome { get; } = outcome;
        public string Reason { get; } = reason;
    }

    /// <summary>The run's observers as a Keras callback: steps, the evaluation after each epoch, NaN and cancellation.</summary>
    sealed class Progress(Trainer trainer, LabelledImages evaluation, TrainingCallbacks? callbacks, CancellationToken cancellation, int stepsPerEpoch) : Callback
    {
        readonly Stopwatch clock = new();
        public List<EpochMetrics> Epochs { get; } = [];

        public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) => clock.Restart();

        public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
        {
            int epoch = Epochs.Count + 1, step = batch + 1;
            double loss = logs!["loss"];
            if (!double.IsFinite(loss))
                throw new TrainingStopped(TrainingOutcome.NonFiniteLoss,
                    $"loss is {(double.IsNaN(loss) ? "NaN" : "infinite")} at epoch {epoch}, step {step}; training stopped (TerminateOnNaN)");
            callbacks?.OnStep?.Invoke(new(epoch, step, stepsPerEpoch, loss, logs["accuracy"], clock.Elapsed));
            if (cancellation.IsCancellationRequested)
                throw new TrainingStopped(TrainingOutcome.Cancelled, $"interrupted at epoch {epoch}, step {step}; the unfinished epoch is not recorded");
        }

        public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
        {
            var metrics = new EpochMetrics(epoch + 1, logs!["loss"], logs["accuracy"], trainer.Evaluate(evaluation), clock.Elapsed.TotalSeconds,
                logs.TryGetValue("val_accuracy", out double validation) ? validation : null);
            Epochs.Add(metrics);
            callbacks?.OnEpochEnd?.Invoke(metrics);
            if (cancellation.IsCancellationRequested) Model.stop_training = true;
        }
    }
}

/// <summary>What <see cref="Trainer.Fit"/> adds to a run: a backup folder to resume from, the epochs a resumed backup holds, TensorBoard logs.</summary>
public sealed record FitExtras(string? BackupDir = null, string? TensorBoardDir = null)
{
    public IReadOnlyList<EpochMetrics> EarlierEpochs { get; init; } = [];
}
