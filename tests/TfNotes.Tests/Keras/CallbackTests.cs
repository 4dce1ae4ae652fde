using Spectre.Console;
using TfNotes.Keras.Callbacks;
using TfNotes.Keras.Initializers;
using TfNotes.Keras;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>Keras' callbacks: the order of the hooks, and each callback's documented effect.</summary>
public class CallbackTests() : TfNotes.Tests.Data.InTemporaryFolder("tfnotes-callbacks-")
{
    static readonly Tensor X = Hand.Float32(Hand.Values(20, 4, seed: 8));
    static readonly Tensor Y = tf.constant(Enumerable.Range(0, 20).Select(i => i % 2).ToArray());

    static Sequential Compiled(double lr = 0.1)
    {
        var model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer: new GlorotUniform(seed: 4))]);
        model.compile(optimizer: tf.keras.optimizers.SGD(lr), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        return model;
    }

    sealed class Recorder : Callback
    {
        public readonly List<string> Calls = [];
        public override void on_train_begin(Dictionary<string, double>? logs = null) => Calls.Add("train_begin");
        public override void on_train_end(Dictionary<string, double>? logs = null) => Calls.Add($"train_end {string.Join(",", logs!.Keys)}");
        public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) => Calls.Add($"epoch_begin {epoch}");
        public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) => Calls.Add($"epoch_end {epoch} {string.Join(",", logs!.Keys)}");
        public override void on_batch_begin(int batch, Dictionary<string, double>? logs = null) => Calls.Add($"batch_begin {batch}");
        public override void on_batch_end(int batch, Dictionary<string, double>? logs = null) => Calls.Add($"batch_end {batch} {string.Join(",", logs!.Keys)}");
        public override void on_test_begin(Dictionary<string, double>? logs = null) => Calls.Add("test_begin");
        public override void on_test_batch_end(int batch, Dictionary<string, double>? logs = null) => Calls.Add($"test_batch_end {batch}");
        public override void on_test_end(Dictionary<string, double>? logs = null) => Calls.Add("test_end");
    }

    [Fact]
    public void Hooks_run_in_keras_order_with_sorted_logs()
    {
        var recorder = new Recorder();
        Compiled().fit(X, Y, batch_size: 10, epochs: 2, validation_data: (X, Y), callbacks: [recorder], verbose: 0);
        string[] epoch(int e) => [$"epoch_begin {e}", "batch_begin 0", "batch_end 0 accuracy,loss", "batch_begin 1", "batch_end 1 accuracy,loss",
            "test_begin", "test_batch_end 0", "test_batch_end 1", "test_end", $"epoch_end {e} accuracy,loss,val_accuracy,val_loss"];
        Assert.Equal(["train_begin", .. epoch(0), .. epoch(1), "train_end accuracy,loss,val_accuracy,val_loss"], recorder.Calls);
        Assert.Same(recorder.model, recorder.model);
        Assert.Equal(2, recorder.@params["epochs"]);
        Assert.Equal(2L, recorder.@params["steps"]);
    }

    [Fact]
    public void Early_stopping_stops_at_keras_documented_epoch()
    {
        // keras.callbacks.EarlyStopping's docstring: patience 3 on the loss of this diverging fit runs 4 epochs.
        var model = tf.keras.Sequential([tf.keras.layers.Dense(10)]);
        model.compile(tf.keras.optimizers.SGD(), loss: "mse");
        var x = tf.reshape(tf.range(100, dtype: tf.float32), new Shape(5, 20));
        var history = model.fit(x, tf.zeros(new Shape(5)), epochs: 10, batch_size: 1, verbose: 0,
            callbacks: [tf.keras.callbacks.EarlyStopping(monitor: "loss", patience: 3)]);
        Assert.Equal(4, history.history["loss"].Count);
    }

    /// <summary>Puts a scripted score into each epoch's logs, and records the weights at each epoch's end.</summary>
    sealed class Scripted(double[] scores) : Callback
    {
        public readonly List<float[]> Weights = [];
        public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
        {
            logs!["score"] = scores[epoch];
            Weights.Add(Model.trainable_variables[0].ToArray<float>());
        }
    }

    [Fact]
    public void Early_stopping_restores_the_weights_of_the_best_epoch()
    {
        var model = Compiled();
        var scores = new Scripted([0.5, 0.7, 0.6, 0.65, 0.9, 0.95]);
        var stopping = tf.keras.callbacks.EarlyStopping(monitor: "score", mode: "max", patience: 2, restore_best_weights: true);
        var history = model.fit(X, Y, epochs: 6, verbose: 0, callbacks: [scores, stopping]);
        // Best 0.7 at epoch 1; epochs 2 and 3 do not beat it: stopped after epoch 3.
        Assert.Equal(4, history.epoch.Count);
        Assert.Equal((1, 3), (stopping.best_epoch, stopping.stopped_epoch));
        Assert.Equal(scores.Weights[1], model.trainable_variables[0].ToArray<float>());

        // min_delta: a rise of 0.05 is not an improvement of more than 0.1; Keras 3 restores even without stopping.
        var lenient = tf.keras.callbacks.EarlyStopping(monitor: "score", mode: "max", patience: 10, min_delta: 0.1, restore_best_weights: true);
        var all = new Scripted([0.5, 0.55, 0.7, 0.75, 0.6, 0.6]);
        Compiled().fit(X, Y, epochs: 6, verbose: 0, callbacks: [all, lenient]);
        Assert.Equal((2, 0), (lenient.best_epoch, lenient.stopped_epoch));
        Assert.Equal(all.Weights[2], lenient.model!.trainable_variables[0].ToArray<float>());
    }

    [Fact]
    public void Monitoring_a_missing_metric_warns_naming_the_metrics_there_are()
    {
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        try
        {
            Compiled().fit(X, Y, epochs: 1, verbose: 0, callbacks: [tf.keras.callbacks.EarlyStopping(monitor: "val_precision_x")]);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Contains("Early stopping conditioned on metric `val_precision_x` which is not available. Available metrics are: accuracy,loss", errors.ToString());
        var unknown = Assert.Throws<ArgumentException>(() => Compiled().fit(X, Y, epochs: 1, verbose: 0,
            callbacks: [new Scripted([1.0]), tf.keras.callbacks.EarlyStopping(monitor: "score")]));
        Assert.Contains("Pass `mode='max'`", unknown.Message);
    }

    [Fact]
    public void Model_checkpoint_saves_the_best_epochs_under_formatted_names()
    {
        var pattern = Path.Combine(Folder, "ckpt-{epoch:02d}-{score:.2f}.weights.safetensors");
        var scores = new Scripted([0.3, 0.2, 0.25, 0.1]);
        var model = Compiled();
        model.fit(X, Y, epochs: 4, verbose: 0, callbacks: [scores,
            tf.keras.callbacks.ModelCheckpoint(pattern, monitor: "score", mode: "min", save_best_only: true, save_weights_only: true)]);
        Assert.Equal(["ckpt-01-0.30.weights.safetensors", "ckpt-02-0.20.weights.safetensors", "ckpt-04-0.10.weights.safetensors"],
            Directory.GetFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var restored = Compiled();
        restored.load_weights(Path.Combine(Folder, "ckpt-02-0.20.weights.safetensors"));
        Assert.Equal(scores.Weights[1], restored.trainable_variables[0].ToArray<float>());
        Assert.Contains("save_weights_only", Assert.Throws<ArgumentException>(() => tf.keras.callbacks.ModelCheckpoint("m.keras")).Message);
        Assert.Contains(".safetensors", Assert.Throws<ArgumentException>(() => tf.keras.callbacks.ModelCheckpoint("m.weights.h5", save_weights_only: true)).Message);
    }

    [Fact]
    public void Csv_logger_writes_keras_rows()
    {
        var path = Path.Combine(Folder, "log.csv");
        var history = Compiled().fit(X, Y, epochs: 2, verbose: 0, validation_data: (X, Y), callbacks: [tf.keras.callbacks.CSVLogger(path)]);
        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,accuracy,loss,val_accuracy,val_loss", lines[0]);
        Assert.Equal(3, lines.Length);
        var row = lines[2].Split(',');
        Assert.Equal("1", row[0]);
        Assert.Equal(history.history["loss"][1], double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture));
        Compiled().fit(X, Y, epochs: 1, verbose: 0, callbacks: [tf.keras.callbacks.CSVLogger(path, append: true)]);
        var appended = File.ReadAllLines(path);
        Assert.Equal(4, appended.Length);
        Assert.EndsWith(",NA,NA", appended[3]);   // the first file's val_ columns, absent now
    }

    [Fact]
    public void Learning_rate_scheduler_and_reduce_on_plateau()
    {
        var model = Compiled(lr: 0.1);
        var history = model.fit(X, Y, epochs: 3, verbose: 0,
            callbacks: [tf.keras.callbacks.LearningRateScheduler((epoch, lr) => epoch == 0 ? lr : lr / 2)]);
        Assert.Equal([0.1f, 0.05f, 0.025f], history.history["learning_rate"].Select(v => (float)v));
        Assert.Equal(0.025, model.optimizer!.learning_rate, 12);

        var plateau = Compiled(lr: 0.1);
        var flat = new Scripted([1.0, 1.0, 1.0, 1.0, 0.5, 0.5]);
        var reduce = tf.keras.callbacks.ReduceLROnPlateau(monitor: "score", mode: "min", factor: 0.5, patience: 2, min_lr: 0.03);
        var logged = plateau.fit(X, Y, epochs: 6, verbose: 0, callbacks: [flat, reduce]);
        // No improvement at epochs 1, 2 → halved after epoch 2; again after 3 and 4 would be 0.025 < min_lr: 0.03.
        Assert.Equal([0.1f, 0.1f, 0.1f, 0.05f, 0.05f, 0.05f], logged.history["learning_rate"].Select(v => (float)v));
        Assert.Equal(0.05, plateau.optimizer!.learning_rate, 12);
    }

    [Fact]
    public void Terminate_on_nan_stops_after_the_first_non_finite_loss()
    {
        int calls = 0;
        var model = tf.keras.Sequential([tf.keras.layers.Dense(1)]);
        model.compile(optimizer: "sgd", loss: (Func<Tensor, Tensor, Tensor>)((y, p) =>
            tf.reduce_mean(tf.square(p - y), -1) * (++calls == 3 ? float.NaN : 1f)));
        var history = model.fit(X, tf.zeros(new Shape(20, 1)), batch_size: 4, epochs: 3, verbose: 0, callbacks: [tf.keras.callbacks.TerminateOnNaN()]);
        Assert.Equal(3, calls);
        Assert.True(model.stop_training);
        Assert.Single(history.epoch);
        Assert.True(double.IsNaN(history.history["loss"][0]));
        calls = 0;
        Assert.Throws<ArithmeticException>(() => model.fit(X, tf.zeros(new Shape(20, 1)), batch_size: 4, verbose: 0,
            callbacks: [tf.keras.callbacks.TerminateOnNaN(raise_error: true)]));
    }

    static string Captured(int verbose, int epochs)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        Compiled().fit(X, Y, batch_size: 8, epochs: epochs, verbose: verbose, validation_data: (X, Y), callbacks: [new ProgbarLogger(console)]);
        return text.ToString();
    }

    [Fact]
    public void The_progress_bar_prints_one_keras_line_per_epoch_when_not_in_a_terminal()
    {
        var lines = Captured(verbose: 1, epochs: 2).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(@"^3/3 - \d+s - \d+(us|ms|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$", lines[1]);
        Assert.Equal("Epoch 2/2", lines[2]);
        Assert.Equal(Captured(verbose: 2, epochs: 2).Split('\n').Length, Captured(verbose: 1, epochs: 2).Split('\n').Length);
        Assert.Equal("", Captured(verbose: 0, epochs: 2));
        Assert.DoesNotContain("Epoch", Captured(verbose: 2, epochs: 1)); // Keras prints "Epoch k/N" only for several epochs
    }
}
