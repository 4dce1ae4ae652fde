using TfNotes.Keras.Optimizers;

namespace TfNotes.Train;

/// <summary><c>tf.train</c>: checkpoints.</summary>
public sealed class TrainApi
{
    internal TrainApi() { }

    /// <summary>TensorFlow's <c>tf.train.Checkpoint(...)</c>; see <see cref="Train.Checkpoint"/>.</summary>
    public Checkpoint Checkpoint(object? model = null, Optimizer? optimizer = null, IReadOnlyDictionary<string, object>? objects = null) =>
        new(model, optimizer, objects);

    /// <summary>TensorFlow's <c>tf.train.CheckpointManager(...)</c>; see <see cref="Train.CheckpointManager"/>.</summary>
    public CheckpointManager CheckpointManager(Checkpoint checkpoint, string directory, int? max_to_keep, string checkpoint_name = "ckpt") =>
        new(checkpoint, directory, max_to_keep, checkpoint_name);

    /// <summary>The newest checkpoint recorded in <paramref name="checkpoint_dir"/>'s <c>checkpoint</c> file, or null.</summary>
    public string? latest_checkpoint(string checkpoint_dir) => CheckpointState.Latest(checkpoint_dir);
}
