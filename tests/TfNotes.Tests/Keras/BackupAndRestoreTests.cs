using TfNotes.Keras;
using TfNotes.Keras.Callbacks;
using TfNotes.Keras.Initializers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// BackupAndRestore: a fit stopped by an exception in epoch 2, run again with the same backup Folder, ends with the
/// weights (bit for bit) and last epochs' logs of the uninterrupted fit; the backup is gone once training completes.
/// Alone in its collection: the global generator (dropout, fit's shuffle) is process-wide.
/// </summary>
[Collection(TfNotes.Tests.Data.Isolated.Name)]
public sealed class BackupAndRestoreTests() : TfNotes.Tests.Data.InTemporaryFolder("tfnotes-backup-")
{
    const int Examples = 20, Features = 4, Classes = 3, Epochs = 4;
    static readonly Tensor X = Hand.Float32(Hand.Values(Examples, Features, seed: 41));
    static readonly Tensor Y = tf.constant(Enumerable.Range(0, Examples).Select(i => (i * 7 + 2) % Classes).ToArray());

    sealed class Interrupt(int atEpoch, int atBatch) : Callback
    {
        int epoch;
        public override void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) => this.epoch = epoch;
        public override void on_train_batch_end(int batch, Dictionary<string, double>? logs = null)
        {
            if (epoch == atEpoch && batch == atBatch) throw new OperationCanceledException("killed");
        }
    }

    static (Sequential Model, History History) Fit(bool dataset, IEnumerable<Callback> callbacks)
    {
        tf.random.set_seed(3);
        var model = tf.keras.Sequential([
            tf.keras.layers.Dense(8, activation: "relu", kernel_initializer: new GlorotUniform()),
            tf.keras.layers.Dropout(0.25),
            tf.keras.layers.Dense(Classes),
        ]);
        model.compile(optimizer: tf.keras.optimizers.Adam(0.02), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var history = dataset
            ? model.fit(tf.data.Dataset.from_tensor_slices((X, Y)).shuffle(Examples, seed: 9).batch(6), epochs: Epochs, verbose: 0, callbacks: callbacks)
            : model.fit(X, Y, batch_size: 6, epochs: Epochs, verbose: 0, callbacks: callbacks);
        return (model, history);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_interrupted_fit_run_again_ends_as_the_uninterrupted_fit(bool dataset)
    {
        var (expected, expectedHistory) = Fit(dataset, []);
        var backup = Path.Combine(Folder, "backup");

        Assert.Throws<OperationCanceledException>(() => Fit(dataset, [tf.keras.callbacks.BackupAndRestore(backup), new Interrupt(atEpoch: 2, atBatch: 1)]));
        Assert.True(File.Exists(Path.Combine(backup, "latest.index.json")));
        var (resumed, history) = Fit(dataset, [tf.keras.callbacks.BackupAndRestore(backup)]);

        Assert.Equal(expected.variables.Select(v => v.ToArray<float>()), resumed.variables.Select(v => v.ToArray<float>()));
        Assert.Equal(expected.optimizer!.iterations, resumed.optimizer!.iterations);
        Assert.Equal([2, 3], history.epoch);
        Assert.Equal(expectedHistory.history["loss"].Skip(2), history.history["loss"]);
        Assert.False(Directory.Exists(backup));
    }

    [Fact]
    public void Early_stopping_continues_with_its_wait_best_and_best_weights()
    {
        // min_delta 1: only the first epoch improves, so the best epoch stays 0 and the wait grows each epoch.
        EarlyStopping Stopping() => tf.keras.callbacks.EarlyStopping(monitor: "loss", min_delta: 1.0, patience: 10, restore_best_weights: true);
        var expectedStopping = Stopping();
        var (expected, _) = Fit(dataset: true, [expectedStopping]);
        var backup = Path.Combine(Folder, "backup");
        Assert.Throws<OperationCanceledException>(() => Fit(dataset: true, [tf.keras.callbacks.BackupAndRestore(backup), Stopping(), new Interrupt(2, 0)]));
        var stopping = Stopping();
        var (resumed, _) = Fit(dataset: true, [tf.keras.callbacks.BackupAndRestore(backup), stopping]);   // stopping's on_train_begin runs after the restore

        Assert.Equal((0, 3), (expectedStopping.best_epoch, expectedStopping.wait));
        Assert.Equal((expectedStopping.best_epoch, expectedStopping.wait, expectedStopping.best), (stopping.best_epoch, stopping.wait, stopping.best));
        Assert.Equal(expected.variables.Select(v => v.ToArray<float>()), resumed.variables.Select(v => v.ToArray<float>()));   // epoch 0's, restored
    }
}
