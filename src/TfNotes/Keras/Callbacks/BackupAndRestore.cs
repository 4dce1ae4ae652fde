using TfNotes.Train;
using static TfNotes.Binding;

namespace TfNotes.Keras.Callbacks;

/// <summary>
/// Keras 3's <c>BackupAndRestore(backup_dir)</c>: at the end of every epoch (<c>save_freq="epoch"</c>) a checkpoint
/// <c>backup_dir/latest</c> (see <see cref="Checkpoint"/>) holds the model, the optimizer, the epoch count, tf.random's
/// generators and the training batches' shuffle position; a <c>fit</c> started with a backup present restores it and
/// continues with the next epoch, so an interrupted fit run again ends with the weights of an uninterrupted one
/// (Keras restores weights, optimizer and epoch; the generators and the shuffle make it exact, and unlike Keras the
/// fit's EarlyStopping callbacks continue with their wait, best value and best weights: fit runs BackupAndRestore after
/// the other callbacks, so it restores after their <c>on_train_begin</c> and saves after their <c>on_epoch_end</c>). When training
/// completes the backup is deleted (<c>delete_checkpoint</c>): its files, and the folder if that leaves it
/// empty (Keras removes the whole folder).
/// </summary>
public sealed class BackupAndRestore : Callback
{
    const string Name = "latest";
    readonly Variable epochs = tf.Variable(0L, trainable: false, name: "epoch", dtype: DType.Int64);
    Checkpoint? checkpoint;

    /// <summary>Keras' <c>BackupAndRestore(backup_dir, save_freq, delete_checkpoint)</c>; <c>save_freq</c> must be "epoch" and <c>backup_dir</c> a non-blank path.</summary>
    public BackupAndRestore(string backup_dir, string save_freq = "epoch", bool delete_checkpoint = true)
    {
        if (string.IsNullOrWhiteSpace(backup_dir))
            throw new ArgumentException($"BackupAndRestore: `backup_dir` must be a folder path. Received: backup_dir='{backup_dir}'", nameof(backup_dir));
        if (save_freq != "epoch")
            throw new ArgumentException($"BackupAndRestore: TfNotes backs up at the end of each epoch only: `save_freq` must be 'epoch'. Received: save_freq={save_freq}",
                nameof(save_freq));
        (this.backup_dir, this.save_freq, this.delete_checkpoint) = (backup_dir, save_freq, delete_checkpoint);
    }

    /// <summary>Keras' <c>backup_dir</c>: the folder of the backup checkpoint (<c>backup_dir/latest</c>).</summary>
    public string backup_dir { get; }
    /// <summary>Keras' <c>save_freq</c>: always "epoch" here (a backup at the end of each epoch).</summary>
    public string save_freq { get; }
    /// <summary>Keras' <c>delete_checkpoint</c>: delete the backup when training completes.</summary>
    public bool delete_checkpoint { get; }

    string Prefix => Path.Combine(backup_dir, Name);

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null)
    {
        var model = Model;
        checkpoint = tf.train.Checkpoint(model: model, optimizer: model.optimizer);
        checkpoint["epoch"] = epochs;
        checkpoint["random"] = tf.random;
        if (model.FitBatches is { } batches) checkpoint["data"] = batches;
        var stopping = model.FitCallbacks.OfType<EarlyStopping>().ToList();
        for (int i = 0; i < stopping.Count; i++) checkpoint[i == 0 ? "early_stopping" : $"early_stopping_{i}"] = stopping[i];
        if (!CheckpointFiles.Exists(Prefix)) return;
        checkpoint.read(Prefix);
        model.ResumeAt = (int)epochs.ToArray<long>()[0];
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        epochs.assign(tf.constant((long)epoch + 1));
        (checkpoint ?? throw new InvalidOperationException("BackupAndRestore: on_epoch_end before on_train_begin")).write(Prefix);
    }

    /// <inheritdoc/>
    public override void on_train_end(Dictionary<string, double>? logs = null)
    {
        if (!delete_checkpoint) return;
        CheckpointFiles.Delete(Prefix);
        if (Directory.Exists(backup_dir) && !Directory.EnumerateFileSystemEntries(backup_dir).Any()) Directory.Delete(backup_dir);
    }
}
