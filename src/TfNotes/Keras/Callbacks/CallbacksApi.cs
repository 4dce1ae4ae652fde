namespace TfNotes.Keras.Callbacks;

/// <summary><c>tf.keras.callbacks</c>, with Keras 3's defaults.</summary>
public sealed class CallbacksApi
{
    internal CallbacksApi() { }

    /// <summary>Keras' <c>keras.callbacks.History()</c>; see <see cref="Callbacks.History"/>.</summary>
    public History History() => new();
    /// <summary>Keras' <c>keras.callbacks.TerminateOnNaN(raise_error)</c>; see <see cref="Callbacks.TerminateOnNaN"/>.</summary>
    public TerminateOnNaN TerminateOnNaN(bool raise_error = false) => new(raise_error);
    /// <summary>Keras' <c>keras.callbacks.ProgbarLogger()</c>; see <see cref="Callbacks.ProgbarLogger"/>.</summary>
    public ProgbarLogger ProgbarLogger() => new();

    /// <summary>Keras' <c>keras.callbacks.EarlyStopping(...)</c>; see <see cref="Callbacks.EarlyStopping"/>.</summary>
    public EarlyStopping EarlyStopping(string monitor = "val_loss", double min_delta = 0, int patience = 0, int verbose = 0, string mode = "auto",
        double? baseline = null, bool restore_best_weights = false, int start_from_epoch = 0) =>
        new(monitor, min_delta, patience, verbose, mode, baseline, restore_best_weights, start_from_epoch);

    /// <summary>Keras' <c>keras.callbacks.ModelCheckpoint(filepath, ...)</c>; see <see cref="Callbacks.ModelCheckpoint"/>.</summary>
    public ModelCheckpoint ModelCheckpoint(string filepath, string monitor = "val_loss", int verbose = 0, bool save_best_only = false,
        bool save_weights_only = false, string mode = "auto", int? save_freq = null, double? initial_value_threshold = null) =>
        new(filepath, monitor, verbose, save_best_only, save_weights_only, mode, save_freq, initial_value_threshold);

    /// <summary>Keras' <c>keras.callbacks.ReduceLROnPlateau(...)</c>; see <see cref="Callbacks.ReduceLROnPlateau"/>.</summary>
    public ReduceLROnPlateau ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, string mode = "auto",
        double min_delta = 1e-4, int cooldown = 0, double min_lr = 0.0) =>
        new(monitor, factor, patience, verbose, mode, min_delta, cooldown, min_lr);

    /// <summary>Keras' <c>keras.callbacks.LearningRateScheduler(schedule, verbose)</c> with <c>schedule(epoch, lr)</c>; see <see cref="Callbacks.LearningRateScheduler"/>.</summary>
    public LearningRateScheduler LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0) => new(schedule, verbose);
    /// <summary>Keras' <c>keras.callbacks.LearningRateScheduler(schedule, verbose)</c> with <c>schedule(epoch)</c>; see <see cref="Callbacks.LearningRateScheduler"/>.</summary>
    public LearningRateScheduler LearningRateScheduler(Func<int, double> schedule, int verbose = 0) => new(schedule, verbose);

    /// <summary>Keras' <c>keras.callbacks.BackupAndRestore(backup_dir, ...)</c>; see <see cref="Callbacks.BackupAndRestore"/>.</summary>
    public BackupAndRestore BackupAndRestore(string backup_dir, string save_freq = "epoch", bool delete_checkpoint = true) =>
        new(backup_dir, save_freq, delete_checkpoint);

    /// <summary>Keras' <c>keras.callbacks.TensorBoard(log_dir, ...)</c>; see <see cref="Callbacks.TensorBoard"/>.</summary>
    public TensorBoard TensorBoard(string log_dir = "logs", int histogram_freq = 0, object? update_freq = null) => new(log_dir, histogram_freq, update_freq);

    /// <summary>Keras' <c>keras.callbacks.CSVLogger(filename, separator, append)</c>; see <see cref="Callbacks.CSVLogger"/>.</summary>
    public CSVLogger CSVLogger(string filename, string separator = ",", bool append = false) => new(filename, separator, append);
}
