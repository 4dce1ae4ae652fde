namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.History</c>, which <c>fit</c> adds and returns: <c>history["loss"]</c>, <c>history["val_accuracy"]</c>, …
/// one value per epoch, and <see cref="epoch"/> the epochs' indices.
/// </summary>
public sealed class History : Callback
{
    public Dictionary<string, List<double>> history { get; } = [];
    public List<int> epoch { get; private set; } = [];

    public override void on_train_begin(Dictionary<string, double>? logs = null) => epoch = [];

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
