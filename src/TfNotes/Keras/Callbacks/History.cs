namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.History</c>, which <c>fit</c> adds and returns: <c>history["loss"]</c>, <c>history["val_accuracy"]</c>, …
/// one value per epoch, and <see cref="epoch"/> the epochs' indices.
/// </summary>
public sealed class History : Callback
{
    /// <summary>Keras' <c>history</c>: each logged name (<c>loss</c>, <c>val_loss</c>, metrics, …) mapped to its values, one per epoch.</summary>
    public Dictionary<string, List<double>> history { get; } = [];
    /// <summary>Keras' <c>epoch</c>: the indices (from 0) of the epochs recorded in <see cref="history"/>, reset when training begins.</summary>
    public List<int> epoch { get; private set; } = [];

    /// <inheritdoc/>
    public override void on_train_begin(Dictionary<string, double>? logs = null) => epoch = [];

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, Dictionary<string, double>? logs = null)
    {
        this.epoch.Add(epoch);
        foreach (var (name, value) in logs ?? [])
        {
            if (!history.TryGetValue(name, out var values)) history[name] = values = [];
            values.Add(value);
        }
        Model.history = this;
    }
}
