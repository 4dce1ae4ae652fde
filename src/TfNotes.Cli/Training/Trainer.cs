using System.Diagnostics;
using TfNotes.Data;
using TfNotes.Keras.Optimizers;
using static TfNotes.Binding;

namespace TfNotes.Cli.Training;

/// <summary>
/// Trains a <see cref="TrainingOptions"/> model on Fashion-MNIST the notes' way: a tf.data pipeline
/// <c>from_tensor_slices((x, y)).shuffle(n, seed).batch(B).map(normalize).prefetch(AUTOTUNE)</c> and, per mini-batch,
/// the forward pass and sparse categorical cross-entropy on a GradientTape, its gradients and the optimizer's update.
/// Normalising whole batches (tf.data's "vectorized mapping") gives the same values as mapping each image, at a
/// seventh of the pipeline's cost, which leaves the second core to the model (and to a second tuning worker).
/// The seed fixes tf.random, the initializers and the shuffle order, so a seed gives the same metrics on one machine.
/// A NaN or infinite loss stops training at once (Keras' TerminateOnNaN). libtorch runs on the threads the caller
/// gives (<c>tf.config.threading</c>), by default one (<see cref="IntraOpThreads"/>): a mini-batch's ops are too small
/// to gain from more, extra OpenMP threads spin and slow everything down when the cores are shared (with the prefetch
/// thread, other runs), and a fixed count keeps results reproducible. The tuner passes each worker's share.
/// </summary>
public sealed class Trainer
{
    public const int Pixels = 28 * 28, Classes = 10;
    public const int IntraOpThreads = 1;
    const int EvaluationBatchSize = 1000;

    readonly Optimizer optimizer;
    readonly Keras.Losses.SparseCategoricalCrossentropy crossEntropy = new(from_logits: true);

    public TrainingOptions Options { get; }
    public IClassifier Model { get; }

    public Trainer(TrainingOptions options, int intraOpThreads = IntraOpThreads)
    {
        options.Validate();
        Options = options;
        tf.config.threading.set_intra_op_parallelism_threads(intraOpThreads);
        tf.random.set_seed(options.Seed);
        Model = IClassifier.Create(options, Pixels, Classes);
        optimizer = options.Optimizer switch
        {
            OptimizerKind.Sgd => tf.keras.optimizers.SGD(options.LearningRate, momentum: options.Beta1),
            OptimizerKind.Rmsprop => tf.keras.optimizers.RMSprop(options.LearningRate),
            _ => tf.keras.optimizers.Adam(options.LearningRate, beta_1: options.Beta1),
        };
    }

    /// <summary>Fashion-MNIST's training set and test set (the evaluation set), cut to the options' subset sizes.</summary>
    public (LabelledImages Train, LabelledImages Evaluation) LoadData()
    {
        var (train, test) = LabelledImages.LoadFashionMnist(Options.DataDir);
        return (train.Take(Options.TrainSubset), test.Take(Options.EvaluationSubset));
    }

    /// <summary>
    /// Runs <see cref="TrainingOptions.Epochs"/> epochs over <paramref name="train"/>, measuring accuracy on
    /// <paramref name="evaluation"/> after each. Cancelling <paramref name="cancellation"/> stops after the current step.
    /// </summary>
    public TrainingResult Fit(LabelledImages train, LabelledImages evaluation, TrainingCallbacks? callbacks = null,
        CancellationToken cancellation = default)
    {
        var batches = tf.data.Dataset.from_tensor_slices(train.Tensors)
            .shuffle(train.Count, seed: Options.Seed)
            .batch(Options.BatchSize)
            .map(Normalize)
            .prefetch(tf.data.AUTOTUNE);
        int stepsPerEpoch = (int)batches.cardinality();
        var epochs = new List<EpochMetrics>();
        var meanLoss = tf.keras.metrics.Mean();
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();

        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            meanLoss.reset_state();
            accuracy.reset_state();
            int step = 0;
            foreach (var (x, y) in batches)
            {
                step++;
                using var tape = tf.GradientTape();
                var logits = Model.Logits(x, training: true);
                var loss = crossEntropy.Call(y, logits);
                float lossValue = (float)loss;
                if (!float.IsFinite(lossValue))
                    return new(TrainingOutcome.NonFiniteLoss, epochs,
                        $"loss is {(float.IsNaN(lossValue) ? "NaN" : "infinite")} at epoch {epoch}, step {step}; training stopped (TerminateOnNaN)");
                var parameters = Model.trainable_variables;
                var grads = tape.gradient(loss, parameters);
                optimizer.apply_gradients(zip(grads, parameters));
                meanLoss.update_state(lossValue);
                accuracy.update_state(y, logits);
                callbacks?.OnStep?.Invoke(new(epoch, step, stepsPerEpoch, (float)meanLoss.result(), (float)accuracy.result(), clock.Elapsed));
                if (cancellation.IsCancellationRequested)
                    return new(TrainingOutcome.Cancelled, epochs, $"interrupted at epoch {epoch}, step {step}; the unfinished epoch is not recorded");
            }
            var metrics = new EpochMetrics(epoch, (float)meanLoss.result(), (float)accuracy.result(), Evaluate(evaluation), clock.Elapsed.TotalSeconds);
            epochs.Add(metrics);
            callbacks?.OnEpochEnd?.Invoke(metrics);
            if (cancellation.IsCancellationRequested && epoch < Options.Epochs)
                return new(TrainingOutcome.Cancelled, epochs, $"interrupted after epoch {epoch}");
        }
        return new(TrainingOutcome.Completed, epochs, null);
    }

    /// <summary>The model's accuracy on <paramref name="data"/> in inference mode (batch norm uses its moving averages).</summary>
    public double Evaluate(LabelledImages data)
    {
        var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
        foreach (var (x, y) in tf.data.Dataset.from_tensor_slices(data.Tensors).batch(EvaluationBatchSize).map(Normalize))
            accuracy.update_state(y, Model.Logits(x, training: false));
        return (float)accuracy.result();
    }

    public void SaveWeights(string path) => Model.save_weights(path);
    public void LoadWeights(string path) => Model.load_weights(path);

    /// <summary>A batch of images of bytes 0–255 as rows of 784 floats in [0, 1]; the labels are kept.</summary>
    static (Tensor, Tensor) Normalize(Tensor images, Tensor labels) =>
        (tf.reshape(tf.cast(images, tf.float32) / 255.0, new Shape(-1, Pixels)), labels);
}
