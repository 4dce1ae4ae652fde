using System.Text.Json;
using TfNotes.Keras.Initializers;
using TfNotes.Tests.Summary;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>The TensorBoard callback's files, read back by the independent event-file reader: Keras 3's layout, tags, steps and values.</summary>
public sealed class TensorBoardTests() : TfNotes.Tests.Data.InTemporaryFolder("tfnotes-tensorboard-")
{
    static readonly Tensor X = Hand.Float32(Hand.Values(16, 3, seed: 51));
    static readonly Tensor Y = tf.constant(Enumerable.Range(0, 16).Select(i => i % 2).ToArray());

    static string Tag(JsonElement v) => v.GetProperty("tag").GetString()!;
    static double[] Values(JsonElement v) => v.GetProperty("tensor").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    static string EventFile(string dir) => Assert.Single(Directory.GetFiles(dir, "events.out.tfevents.*"));

    [Fact]
    public void Fit_writes_epoch_metrics_for_train_and_validation_and_weight_histograms_every_histogram_freq_epochs()
    {
        var model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer: new GlorotUniform(seed: 4))]);
        model.compile(optimizer: tf.keras.optimizers.SGD(0.1), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var history = model.fit(X, Y, batch_size: 8, epochs: 3, verbose: 0, validation_data: (X, Y), shuffle: false,
            callbacks: [tf.keras.callbacks.TensorBoard(Path.Combine(Folder, "logs"), histogram_freq: 2)]);

        Assert.Equal(["train", "validation"], Directory.GetDirectories(Path.Combine(Folder, "logs")).Select(Path.GetFileName).Order());
        var train = EventFileReader.Values(EventFile(Path.Combine(Folder, "logs", "train")));
        string[] epochTags = ["epoch_accuracy", "epoch_loss", "epoch_learning_rate"];
        string[] histograms = ["dense/kernel/histogram", "dense/bias/histogram"];
        Assert.Equal(
            [.. epochTags.Select(t => (0L, t)), .. histograms.Select(t => (0L, t)), .. epochTags.Select(t => (1L, t)),
             .. epochTags.Select(t => (2L, t)), .. histograms.Select(t => (2L, t))],
            train.Select(v => (v.step, Tag(v.value))).ToList());
        foreach (var (name, tag) in new[] { ("loss", "epoch_loss"), ("accuracy", "epoch_accuracy") })
            Assert.Equal(history.history[name].Select(v => (double)(float)v), train.Where(v => Tag(v.value) == tag).Select(v => Assert.Single(Values(v.value))));
        Assert.All(train.Where(v => Tag(v.value) == "epoch_learning_rate"), v => Assert.Equal((double)0.1f, Assert.Single(Values(v.value))));
        var kernelAtEnd = train.Last(v => Tag(v.value) == "dense/kernel/histogram");
        Assert.Equal("histograms", kernelAtEnd.value.GetProperty("plugin").GetString());
        var buckets = Values(kernelAtEnd.value);
        var kernel = model.layers[0].trainable_variables[0].ToArray<float>();
        Assert.Equal(kernel.Length, buckets.Where((_, i) => i % 3 == 2).Sum());   // every element counted once
        Assert.Equal(kernel.Min(), buckets[0], 6);
        Assert.Equal(kernel.Max(), buckets[^2], 6);

        var validation = EventFileReader.Values(EventFile(Path.Combine(Folder, "logs", "validation")));
        var epochs = validation.Where(v => Tag(v.value).StartsWith("epoch_")).ToList();
        Assert.Equal([(0L, "epoch_accuracy"), (0, "epoch_loss"), (1, "epoch_accuracy"), (1, "epoch_loss"), (2, "epoch_accuracy"), (2, "epoch_loss")],
            epochs.Select(v => (v.step, Tag(v.value))).ToList());
        Assert.Equal(history.history["val_loss"].Select(v => (double)(float)v), epochs.Where(v => Tag(v.value) == "epoch_loss").Select(v => Assert.Single(Values(v.value))));
        Assert.Equal([(2L, "evaluation_accuracy_vs_iterations"), (2, "evaluation_loss_vs_iterations"), (4, "evaluation_accuracy_vs_iterations"),
            (4, "evaluation_loss_vs_iterations"), (6, "evaluation_accuracy_vs_iterations"), (6, "evaluation_loss_vs_iterations")],
            validation.Where(v => Tag(v.value).StartsWith("evaluation_")).Select(v => (v.step, Tag(v.value))).ToList());
    }

    [Fact]
    public void Update_freq_writes_batch_metrics_at_the_global_batch_count()
    {
        var model = tf.keras.Sequential([tf.keras.layers.Dense(2, kernel_initializer: new GlorotUniform(seed: 4))]);
        model.compile(optimizer: tf.keras.optimizers.SGD(0.1), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true));
        model.fit(X, Y, batch_size: 4, epochs: 2, verbose: 0, callbacks: [tf.keras.callbacks.TensorBoard(Folder, update_freq: 3)]);
        var train = EventFileReader.Values(EventFile(Path.Combine(Folder, "train")));
        Assert.Equal([3L, 6], train.Where(v => Tag(v.value) == "batch_loss").Select(v => v.step));
        Assert.False(Directory.Exists(Path.Combine(Folder, "validation")));
        var e = Assert.Throws<ArgumentException>(() => tf.keras.callbacks.TensorBoard(Folder, update_freq: "sometimes"));
        Assert.StartsWith("TensorBoard: `update_freq` must be 'epoch', 'batch' or a positive number of batches. Received: update_freq=sometimes", e.Message);
    }
}
