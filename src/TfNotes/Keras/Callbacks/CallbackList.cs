namespace TfNotes.Keras.Callbacks;

/// <summary>
/// Keras' <c>CallbackList</c>: the user's callbacks, then a <see cref="History"/> and (unless <c>verbose</c> is 0) a
/// <see cref="ProgbarLogger"/> when the user gave none, then any <see cref="BackupAndRestore"/>; each hook calls every
/// callback in that order with one logs dictionary.
/// </summary>
internal sealed class CallbackList
{
    readonly List<Callback> callbacks;

    internal CallbackList(IEnumerable<Callback>? given, Model model, bool addHistory, int verbose, int epochs, long? steps)
    {
        callbacks = (given ?? []).ToList();
        if (callbacks.Any(c => c is null)) throw new ArgumentNullException("callbacks", "callbacks must not contain null");
        if (addHistory)
        {
            History = callbacks.OfType<History>().FirstOrDefault();
            if (History is null) callbacks.Add(History = new History());
        }
        if (verbose != 0 && !callbacks.OfType<ProgbarLogger>().Any()) callbacks.Add(new ProgbarLogger());
        // Backups last: they restore after the other callbacks' on_train_begin reset them, and save their state after their on_epoch_end.
        callbacks = [.. callbacks.Where(c => c is not BackupAndRestore), .. callbacks.OfType<BackupAndRestore>()];
        var parameters = new Dictionary<string, object?> { ["verbose"] = verbose, ["epochs"] = epochs, ["steps"] = steps };
        foreach (var c in callbacks) c.Attach(model, parameters);
    }

    internal History? History { get; }

    internal IReadOnlyList<Callback> Callbacks => callbacks;

    internal void OnTrainBegin() => Each(c => c.on_train_begin(null));
    internal void OnTrainEnd(Dictionary<string, double> logs) => Each(c => c.on_train_end(logs));
    internal void OnEpochBegin(int epoch) => Each(c => c.on_epoch_begin(epoch, null));
    internal void OnEpochEnd(int epoch, Dictionary<string, double> logs) => Each(c => c.on_epoch_end(epoch, logs));
    internal void OnTrainBatchBegin(int batch) => Each(c => c.on_train_batch_begin(batch, null));
    internal void OnTrainBatchEnd(int batch, Dictionary<string, double> logs) => Each(c => c.on_train_batch_end(batch, logs));
    internal void OnTestBegin() => Each(c => c.on_test_begin(null));
    internal void OnTestEnd(Dictionary<string, double> logs) => Each(c => c.on_test_end(logs));
    internal void OnTestBatchBegin(int batch) => Each(c => c.on_test_batch_begin(batch, null));
    internal void OnTestBatchEnd(int batch, Dictionary<string, double> logs) => Each(c => c.on_test_batch_end(batch, logs));
    internal void OnPredictBegin() => Each(c => c.on_predict_begin(null));
    internal void OnPredictEnd() => Each(c => c.on_predict_end(null));
    internal void OnPredictBatchBegin(int batch) => Each(c => c.on_predict_batch_begin(batch, null));
    internal void OnPredictBatchEnd(int batch) => Each(c => c.on_predict_batch_end(batch, null));

    void Each(Action<Callback> hook)
    {
        foreach (var c in callbacks) hook(c);
    }
}
