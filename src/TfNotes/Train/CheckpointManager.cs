namespace TfNotes.Train;

/// <summary>
/// <c>tf.train.CheckpointManager(checkpoint, directory, max_to_keep)</c>: <c>save()</c> writes
/// <c>directory/ckpt-N</c> (N from the checkpoint's <c>save_counter</c>, or <c>checkpoint_number</c>), keeps the
/// newest <c>max_to_keep</c> (all when null), deletes older ones and updates the directory's
/// <c>checkpoint</c> state file, from which a new manager recovers <see cref="checkpoints"/> (those that still exist).
/// </summary>
public sealed class CheckpointManager
{
    readonly Checkpoint checkpoint;
    readonly List<(string Path, double Time)> kept = [];

    /// <summary>TensorFlow's <c>tf.train.CheckpointManager(checkpoint, directory, max_to_keep, checkpoint_name)</c>; recovers the kept checkpoints from the directory's <c>checkpoint</c> file when there is one.</summary>
    public CheckpointManager(Checkpoint checkpoint, string directory, int? max_to_keep, string checkpoint_name = "ckpt")
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException($"CheckpointManager: `directory` must be a path. Received: directory='{directory}'", nameof(directory));
        if (max_to_keep is <= 0)
            throw new ArgumentException($"CheckpointManager: `max_to_keep` must be a positive integer or None. Received: max_to_keep={max_to_keep}", nameof(max_to_keep));
        (this.checkpoint, this.max_to_keep, this.checkpoint_name) = (checkpoint, max_to_keep, checkpoint_name);
        this.directory = Path.GetFullPath(directory);
        if (CheckpointState.Read(this.directory) is { } state)
        {
            var times = state.Timestamps.Count == state.All.Count ? state.Timestamps : state.All.Select(_ => CheckpointState.Now()).ToList();
            kept.AddRange(state.All.Zip(times).Where(e => CheckpointFiles.Exists(e.First)));
            latest_checkpoint = state.Latest is { } latest && CheckpointFiles.Exists(latest) ? latest : kept.LastOrDefault().Path;
        }
    }

    /// <summary>TensorFlow's <c>directory</c>: the folder of the checkpoints, as a full path.</summary>
    public string directory { get; }
    /// <summary>TensorFlow's <c>max_to_keep</c>: how many of the newest checkpoints to keep (null: all).</summary>
    public int? max_to_keep { get; }
    /// <summary>TensorFlow's <c>checkpoint_name</c>: the checkpoints' file prefix, <c>directory/checkpoint_name-N</c>.</summary>
    public string checkpoint_name { get; }

    /// <summary>The newest checkpoint (a prefix for <c>restore</c>), or null when there is none yet.</summary>
    public string? latest_checkpoint { get; private set; }

    /// <summary>The kept checkpoints, oldest first.</summary>
    public IReadOnlyList<string> checkpoints => kept.Select(k => k.Path).ToList();

    /// <summary>Saves a new checkpoint, prunes beyond <see cref="max_to_keep"/>, and returns its path.</summary>
    public string save(long? checkpoint_number = null)
    {
        long next = checkpoint.save_counter.ToArray<long>()[0] + 1;
        checkpoint.save_counter.assign(Binding.tf.constant(next));
        var path = Path.Combine(directory, $"{checkpoint_name}-{checkpoint_number ?? next}");
        checkpoint.write(path);
        kept.RemoveAll(k => k.Path == path);
        kept.Add((path, CheckpointState.Now()));
        if (max_to_keep is { } keep)
            while (kept.Count > keep)
            {
                CheckpointFiles.Delete(kept[0].Path);
                kept.RemoveAt(0);
            }
        CheckpointState.Write(directory, path, checkpoints, kept.Select(k => k.Time).ToList());
        latest_checkpoint = path;
        return path;
    }
}
