using TfNotes.Keras.Optimizers;
using TfNotes.Keras.Saving;

namespace TfNotes.Train;

/// <summary>
/// <c>tf.train.Checkpoint(model: m, optimizer: opt)</c> with more named objects by indexer
/// (<c>ckpt["epoch"] = tf.Variable(0L)</c>, as TensorFlow's <c>Checkpoint(epoch=…)</c>): models and layers (every
/// weight), optimizers (iterations, learning rate, slots), variables (counters), <c>tf.random</c> (the generators'
/// state) and tf.data Datasets (the shuffles' positions between passes).
/// <list type="bullet">
/// <item><c>save(prefix)</c> adds one to <see cref="save_counter"/>, writes <c>prefix-N</c> and records it in the
/// directory's <c>checkpoint</c> state file (<c>tf.train.latest_checkpoint</c>); <c>write(path)</c> writes exactly
/// <c>path</c> and nothing else.</item>
/// <item><c>restore(path)</c> and <c>read(path)</c> check the whole file against the objects (kinds, names, shapes,
/// dtypes, the data's length and SHA-256) before changing anything; a mismatch is one line naming the file and what
/// differs. <c>restore(null)</c> does nothing (a first run: <c>ckpt.restore(manager.latest_checkpoint)</c>).</item>
/// </list>
/// The files are those of <see cref="CheckpointFiles"/>: <c>prefix.index.json</c> and a safetensors data file, written
/// atomically. Values of objects the file has but this checkpoint does not are ignored (TensorFlow's partial restore);
/// every object of this checkpoint must be in the file, whole.
/// </summary>
public sealed class Checkpoint
{
    readonly List<(string Name, object Value)> objects = [];
    Variable? saveCounter;

    /// <summary>TensorFlow's <c>tf.train.Checkpoint(model=…, optimizer=…, **kwargs)</c>: <paramref name="model"/> and <paramref name="optimizer"/> under those names, and each of <paramref name="objects"/> under its name (as the indexer).</summary>
    public Checkpoint(object? model = null, Optimizer? optimizer = null, IReadOnlyDictionary<string, object>? objects = null)
    {
        if (model is not null) this["model"] = model;
        if (optimizer is not null) this["optimizer"] = optimizer;
        foreach (var (name, value) in objects ?? new Dictionary<string, object>()) this[name] = value;
    }

    /// <summary>A named object (TensorFlow's <c>ckpt.name</c>); set adds or replaces it.</summary>
    public object this[string name]
    {
        get => objects.FirstOrDefault(o => o.Name == name).Value
            ?? throw new KeyNotFoundException($"Checkpoint has no object '{name}' (it has: {string.Join(", ", objects.Select(o => o.Name))})");
        set
        {
            if (string.IsNullOrEmpty(name) || name.Contains('/') || name == "save_counter")
                throw new ArgumentException($"Checkpoint: object names must be non-empty, without '/', and not 'save_counter'. Received: '{name}'", nameof(name));
            _ = Trackable.For(name, value);
            objects.RemoveAll(o => o.Name == name);
            objects.Add((name, value));
        }
    }

    /// <summary>The object named "model", or null.</summary>
    public object? model => objects.FirstOrDefault(o => o.Name == "model").Value;
    /// <summary>The object named "optimizer" if it is an <see cref="Optimizer"/>, else null.</summary>
    public Optimizer? optimizer => objects.FirstOrDefault(o => o.Name == "optimizer").Value as Optimizer;

    /// <summary>How many times <see cref="save"/> ran (restored with the checkpoint): the N of the next <c>prefix-N</c> less one.</summary>
    public Variable save_counter => saveCounter ??= Binding.tf.Variable(0L, trainable: false, name: "save_counter", dtype: DType.Int64);

    /// <summary>Writes <c>file_prefix-N</c> (N = the new <see cref="save_counter"/>) and updates the directory's <c>checkpoint</c> file; returns that path.</summary>
    public string save(string file_prefix)
    {
        long number = save_counter.ToArray<long>()[0] + 1;
        var path = $"{file_prefix}-{number}";
        Write(path, number);
        CheckpointState.Record(path);
        return path;
    }

    /// <summary>Writes the checkpoint at exactly <paramref name="file_prefix"/>; no numbering, no state file. Returns the path.</summary>
    public string write(string file_prefix)
    {
        Write(file_prefix, null);
        return file_prefix;
    }

    void Write(string prefix, long? number)
    {
        if (string.IsNullOrWhiteSpace(prefix)) throw new ArgumentException($"Checkpoint: the path must not be empty. Received: '{prefix}'", nameof(prefix));
        var tracked = Tracked();
        var paths = new CheckpointPaths(tracked);
        var values = new List<(string Name, StoredTensor Value)>();
        foreach (var t in tracked) t.Save(values, paths);
        var counter = number ?? (saveCounter is null ? null : saveCounter.ToArray<long>()[0]);
        if (counter is { } n) values.Add(("save_counter", CheckpointValues.Scalar(n)));
        CheckpointFiles.Write(prefix, values, tracked.ToDictionary(t => t.Name, t => t.Kind));
        if (number is { } saved) save_counter.assign(Binding.tf.constant(saved));
    }

    /// <summary>Restores the checkpoint at <paramref name="save_path"/> (a prefix, as <see cref="save"/> returns); null restores nothing.</summary>
    public CheckpointLoadStatus restore(string? save_path) => save_path is null ? new(restored: false) : Read(save_path, "restore");

    /// <summary>Restores a checkpoint written by <see cref="write"/> (or <see cref="save"/>).</summary>
    public CheckpointLoadStatus read(string save_path)
    {
        ArgumentNullException.ThrowIfNull(save_path);
        return Read(save_path, "read");
    }

    CheckpointLoadStatus Read(string prefix, string method)
    {
        var (kinds, values) = CheckpointFiles.Read(prefix, method);
        var index = CheckpointFiles.IndexOf(prefix);
        var tracked = Tracked();
        foreach (var t in tracked)
        {
            if (!kinds.TryGetValue(t.Name, out var kind))
                throw new ArgumentException($"{method}: the checkpoint '{index}' has no object '{t.Name}' (it has: {string.Join(", ", kinds.Keys)}); nothing was restored");
            if (kind != t.Kind)
                throw new ArgumentException($"{method}: the checkpoint '{index}' holds a {kind} as '{t.Name}', this checkpoint a {t.Kind}; nothing was restored");
        }
        foreach (var layer in tracked.OfType<TrackedLayer>()) layer.BuildFrom(values, index);
        var context = new RestoreContext(method, index, values, new CheckpointPaths(tracked));
        var assignments = tracked.Select(t => t.Plan(context)).ToList();
        long? counter = values.ContainsKey("save_counter") ? CheckpointValues.Int64(context.Expect("save_counter", CheckpointValues.ScalarShape, DType.Int64)) : null;
        foreach (var assign in assignments) assign();
        if (counter is { } n) save_counter.assign(Binding.tf.constant(n));
        return new(restored: true);
    }

    List<Trackable> Tracked() => objects.Select(o => Trackable.For(o.Name, o.Value)).ToList();
}
