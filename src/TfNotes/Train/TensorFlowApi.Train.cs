namespace TfNotes;

public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.train</c>: <c>Checkpoint</c>, <c>CheckpointManager</c>, <c>latest_checkpoint</c>.</summary>
    public Train.TrainApi train { get; } = new();
}
