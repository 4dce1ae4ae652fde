using TfNotes.Keras;
using TfNotes.Keras.Initializers;
using TfNotes.Keras.Optimizers;
using TfNotes.Tests.Keras;
using TfNotes.Train;
using static TfNotes.Binding;

namespace TfNotes.Tests.Train;

/// <summary>
/// tf.train.Checkpoint and CheckpointManager: a run interrupted by a save and a restore into new objects (after other
/// random draws) continues exactly as the uninterrupted run, for every optimizer; pruning; the bad-input lines.
/// Alone in its collection: the global generator is process-wide.
/// </summary>
[Collection(TfNotes.Tests.Data.Isolated.Name)]
public sealed class CheckpointTests() : TfNotes.Tests.Data.InTemporaryFolder("tfnotes-ckpt-")
{
    const int Examples = 12, Features = 4, Classes = 3;
    static readonly Tensor X = Hand.Float32(Hand.Values(Examples, Features, seed: 31));
    static readonly Tensor Y = tf.constant(Enumerable.Range(0, Examples).Select(i => (i * 5 + 1) % Classes).ToArray());

    static Sequential NewModel(int width = 6) => tf.keras.Sequential([
        tf.keras.layers.Dense(width, activation: "relu", kernel_initializer: new GlorotUniform()),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dropout(0.3),   // no seed: draws from the global generator, which the checkpoint must restore
        tf.keras.layers.Dense(Classes),
    ]);

    static Optimizer NewOptimizer(string kind) => kind switch
    {
        "sgd" => tf.keras.optimizers.SGD(0.1),
        "sgd-momentum" => tf.keras.optimizers.SGD(0.1, momentum: 0.9),
        "sgd-nesterov" => tf.keras.optimizers.SGD(0.1, momentum: 0.9, nesterov: true),
        "sgd-decay" => tf.keras.optimizers.SGD(0.1, momentum: 0.5, weight_decay: 0.01),
        "adam" => tf.keras.optimizers.Adam(0.01),
        "adam-amsgrad" => tf.keras.optimizers.Adam(0.01, amsgrad: true),
        "adam-cosine" => tf.keras.optimizers.Adam(tf.keras.optimizers.schedules.CosineDecay(0.05, decay_steps: 10)),
        "rmsprop" => tf.keras.optimizers.RMSprop(0.01),
        "rmsprop-centered" => tf.keras.optimizers.RMSprop(0.01, momentum: 0.5, centered: true),
        _ => throw new ArgumentException(kind),
    };

    public static TheoryData<string> Optimizers => new(["sgd", "sgd-momentum", "sgd-nesterov", "sgd-decay", "adam", "adam-amsgrad", "adam-cosine", "rmsprop", "rmsprop-centered"]);

    static Sequential Compiled(string kind)
    {
        var model = NewModel();
        model.compile(optimizer: NewOptimizer(kind), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true));
        return model;
    }

    static void Steps(Model model, int first, int count)
    {
        for (int s = first; s < first + count; s++)
        {
            int start = s * 4 % Examples;
            model.train_on_batch(tf.stack(Enumerable.Range(start, 4).Select(i => X[i])), tf.stack(Enumerable.Range(start, 4).Select(i => Y[i])));
        }
    }

    /// <summary>Every weight and every optimizer variable (iteration, rate, slots) as bytes-exact arrays.</summary>
    static List<float[]> State(Model model) =>
        [.. model.variables.Select(v => v.ToArray<float>()),
         .. model.optimizer!.variables.Skip(1).Where(v => v.dtype == DType.Float32).Select(v => v.ToArray<float>()),
         [model.optimizer.iterations], [(float)model.optimizer.learning_rate]];

    List<float[]> Uninterrupted(string kind)
    {
        tf.random.set_seed(5);
        var model = Compiled(kind);
        Steps(model, 0, 6);
        return State(model);
    }

    List<float[]> Interrupted(string kind, bool withRandom)
    {
        tf.random.set_seed(5);
        var model = Compiled(kind);
        Steps(model, 0, 3);
        var path = Path.Combine(Folder, $"{kind}-{withRandom}");
        Checkpoint(model, withRandom).write(path);

        tf.random.set_seed(99);   // another process: other initial weights and another generator state
        tf.random.uniform(new Shape(7));
        var resumed = Compiled(kind);
        Checkpoint(resumed, withRandom).read(path).assert_consumed();
        Steps(resumed, 3, 3);
        return State(resumed);
    }

    static Checkpoint Checkpoint(Model model, bool withRandom)
    {
        var ckpt = tf.train.Checkpoint(model: model, optimizer: model.optimizer);
        if (withRandom) ckpt["random"] = tf.random;
        return ckpt;
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void The_steps_after_a_restore_equal_the_steps_without_the_interruption(string kind)
    {
        var expected = Uninterrupted(kind);
        var resumed = Interrupted(kind, withRandom: true);
        Assert.Equal(expected.Count, resumed.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], resumed[i]);   // bit-identical
    }

    [Fact]
    public void Without_the_generators_state_dropout_draws_other_masks()
    {
        var expected = Uninterrupted("adam");
        var resumed = Interrupted("adam", withRandom: false);
        Assert.NotEqual(expected[0], resumed[0]);
    }

    [Fact]
    public void Restoring_into_an_unbuilt_model_and_optimizer_builds_them_with_the_saved_slots()
    {
        tf.random.set_seed(5);
        var model = Compiled("adam");
        Steps(model, 0, 2);
        var path = tf.train.Checkpoint(model: model, optimizer: model.optimizer).save(Path.Combine(Folder, "ckpt"));
        Assert.Equal(Path.Combine(Folder, "ckpt-1"), path);

        var fresh = Compiled("adam");
        Assert.False(fresh.optimizer!.built);
        var ckpt = tf.train.Checkpoint(model: fresh, optimizer: fresh.optimizer);
        ckpt.restore(path);
        Assert.True(fresh.optimizer.built);
        Assert.Equal(2L, fresh.optimizer.iterations);
        Assert.Equal(1L, ckpt.save_counter.ToArray<long>()[0]);
        var kernel = model.layers[0].trainable_variables[0];
        var freshKernel = fresh.layers[0].trainable_variables[0];
        Assert.Equal(model.optimizer!.get_slot(kernel, "velocity").ToArray<float>(), fresh.optimizer.get_slot(freshKernel, "velocity").ToArray<float>());
        Assert.Equal(DType.Float32, fresh.optimizer.get_slot(freshKernel, "momentum").dtype);
        Assert.Equal(new Shape(Features, 6), fresh.optimizer.get_slot(freshKernel, "momentum").shape);
    }

    [Fact]
    public void Counters_and_dataset_positions_are_restored()
    {
        var epoch = tf.Variable(0L, trainable: false, name: "epoch", dtype: DType.Int64);
        var ds = tf.data.Dataset.range(8).shuffle(8, seed: 3);
        var first = ds.Select(t => (long)t).ToList();
        var second = ds.Select(t => (long)t).ToList();
        Assert.NotEqual(first, second);

        var again = tf.data.Dataset.range(8).shuffle(8, seed: 3);
        _ = again.Select(t => (long)t).ToList();
        epoch.assign(tf.constant(7L));
        var path = Path.Combine(Folder, "counters");
        tf.train.Checkpoint(objects: new Dictionary<string, object> { ["epoch"] = epoch, ["data"] = again }).write(path);

        var resumedEpoch = tf.Variable(0L, trainable: false, dtype: DType.Int64);
        var resumedData = tf.data.Dataset.range(8).shuffle(8, seed: 3);
        var ckpt = tf.train.Checkpoint();
        ckpt["epoch"] = resumedEpoch;
        ckpt["data"] = resumedData;
        ckpt.read(path);
        Assert.Equal(7L, resumedEpoch.ToArray<long>()[0]);
        Assert.Equal(second, resumedData.Select(t => (long)t).ToList());   // the second pass's order, not the first's
    }

    [Fact]
    public void The_manager_keeps_the_newest_and_records_them_in_the_state_file()
    {
        tf.random.set_seed(5);
        var model = Compiled("sgd-momentum");
        Steps(model, 0, 1);
        var ckpt = tf.train.Checkpoint(model: model, optimizer: model.optimizer);
        var dir = Path.Combine(Folder, "managed");
        var manager = tf.train.CheckpointManager(ckpt, dir, max_to_keep: 2);
        Assert.Null(manager.latest_checkpoint);
        var saved = Enumerable.Range(0, 4).Select(_ => manager.save()).ToList();
        Assert.Equal(Enumerable.Range(1, 4).Select(n => Path.Combine(dir, $"ckpt-{n}")), saved);
        Assert.Equal([Path.Combine(dir, "ckpt-3"), Path.Combine(dir, "ckpt-4")], manager.checkpoints);
        Assert.Equal(Path.Combine(dir, "ckpt-4"), manager.latest_checkpoint);
        Assert.Equal(Path.Combine(dir, "ckpt-4"), tf.train.latest_checkpoint(dir));
        var files = Directory.GetFiles(dir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(5, files.Count);   // two indexes, two data files, the state file; nothing of ckpt-1, ckpt-2, no temporaries
        Assert.Contains("checkpoint", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("ckpt-1") || f.StartsWith("ckpt-2") || f.EndsWith(".tmp"));
        var state = File.ReadAllLines(Path.Combine(dir, "checkpoint"));
        Assert.Equal("model_checkpoint_path: \"ckpt-4\"", state[0]);
        Assert.Equal(["all_model_checkpoint_paths: \"ckpt-3\"", "all_model_checkpoint_paths: \"ckpt-4\""], state.Skip(1).Take(2));

        var again = tf.train.CheckpointManager(tf.train.Checkpoint(model: model, optimizer: model.optimizer), dir, max_to_keep: 2);
        Assert.Equal(manager.checkpoints, again.checkpoints);
        Assert.Equal(4L, ckpt.save_counter.ToArray<long>()[0]);
    }

    (Sequential Model, string Path) Saved(string kind = "adam")
    {
        tf.random.set_seed(5);
        var model = Compiled(kind);
        Steps(model, 0, 1);
        var path = Path.Combine(Folder, "saved");
        tf.train.Checkpoint(model: model, optimizer: model.optimizer).write(path);
        return (model, path);
    }

    static (List<float[]> Weights, long Iterations) Snapshot(Model model) => (model.variables.Select(v => v.ToArray<float>()).ToList(), model.optimizer!.iterations);

    [Fact]
    public void A_checkpoint_of_another_model_fails_in_one_line_naming_the_file_and_the_shape_and_changes_nothing()
    {
        var (_, path) = Saved();
        var other = NewModel(width: 5);
        other.compile(optimizer: NewOptimizer("adam"), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true));
        Steps(other, 0, 1);
        var before = Snapshot(other);
        var e = Assert.Throws<ArgumentException>(() => tf.train.Checkpoint(model: other, optimizer: other.optimizer).restore(path));
        Assert.Equal($"restore: the checkpoint '{path}.index.json' does not match this checkpoint's objects: 'model/dense/kernel' has shape (4, 6) in the file " +
            "but (4, 5) here; nothing was restored", e.Message);
        var after = Snapshot(other);
        Assert.Equal(before.Iterations, after.Iterations);
        for (int i = 0; i < before.Weights.Count; i++) Assert.Equal(before.Weights[i], after.Weights[i]);
    }

    [Fact]
    public void A_checkpoint_of_a_model_with_other_layers_names_the_weights()
    {
        var (_, path) = Saved();
        var other = tf.keras.Sequential([tf.keras.layers.Dense(6), tf.keras.layers.Dense(Classes)]);
        other.Apply(X);
        var e = Assert.Throws<ArgumentException>(() => tf.train.Checkpoint(model: other).restore(path));
        Assert.StartsWith($"restore: the checkpoint '{path}.index.json' does not match this checkpoint's objects: the file has weights 'model' does not: " +
            "'batch_normalization/gamma', 'batch_normalization/beta', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance' ('model' has: " +
            "'dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias'); nothing was restored", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Another_optimizer_or_a_missing_object_is_named()
    {
        var (model, path) = Saved();
        var sgd = tf.keras.optimizers.SGD(0.1, momentum: 0.9);
        var e = Assert.Throws<ArgumentException>(() => tf.train.Checkpoint(model: model, optimizer: sgd).restore(path));
        Assert.Equal($"restore: the checkpoint '{path}.index.json' holds a optimizer:Adam as 'optimizer', this checkpoint a optimizer:SGD; nothing was restored", e.Message);
        var ckpt = tf.train.Checkpoint(model: model);
        ckpt["epoch"] = tf.Variable(0L, dtype: DType.Int64);
        e = Assert.Throws<ArgumentException>(() => ckpt.restore(path));
        Assert.Equal($"restore: the checkpoint '{path}.index.json' has no object 'epoch' (it has: model, optimizer); nothing was restored", e.Message);
    }

    [Fact]
    public void A_truncated_checkpoint_is_named_and_nothing_is_restored()
    {
        var (model, path) = Saved();
        var data = Directory.GetFiles(Folder, "saved.data-*.safetensors").Single();
        long length = new FileInfo(data).Length;
        using (var file = new FileStream(data, FileMode.Open)) file.SetLength(length - 16);
        Steps(model, 1, 1);
        var before = Snapshot(model);
        var e = Assert.Throws<InvalidDataException>(() => tf.train.Checkpoint(model: model, optimizer: model.optimizer).restore(path));
        Assert.Equal($"restore: the checkpoint data file '{data}' is truncated or damaged: it has {length - 16} bytes, its index says {length}", e.Message);
        Assert.Equal(before.Iterations, model.optimizer!.iterations);
        Assert.Equal(before.Weights[0], model.variables[0].ToArray<float>());

        var missing = Assert.Throws<FileNotFoundException>(() => tf.train.Checkpoint(model: model).restore(Path.Combine(Folder, "nothing")));
        Assert.Equal($"restore: no checkpoint at '{Path.Combine(Folder, "nothing")}' (no file '{Path.Combine(Folder, "nothing")}.index.json')", missing.Message);
    }

    [Fact]
    public void Rewriting_a_path_replaces_its_data_file_and_restore_of_null_does_nothing()
    {
        var (model, path) = Saved();
        Steps(model, 1, 1);
        tf.train.Checkpoint(model: model, optimizer: model.optimizer).write(path);
        Assert.Single(Directory.GetFiles(Folder, "saved.data-*"));
        var status = tf.train.Checkpoint(model: model).restore(null);
        Assert.Throws<InvalidOperationException>(() => status.assert_consumed());
    }
}
