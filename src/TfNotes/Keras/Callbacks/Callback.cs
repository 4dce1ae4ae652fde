namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.Callback</c>: hooks <c>fit</c>, <c>evaluate</c> and <c>predict</c> call, with Keras' names and
/// order. <c>logs</c> maps metric names to values (sorted by name, as Keras passes them; <c>val_</c> entries at the
/// end of an epoch with validation); the same dictionary goes to every callback of a call, so one may add entries
/// for those after it (as LearningRateScheduler adds <c>learning_rate</c>). Epochs and batches count from 0.
/// Set <c>model.stop_training = true</c> to end <c>fit</c> after the current batch.
/// </summary>
public abstract class Callback
{
    Model? attached;
    IReadOnlyDictionary<string, object?> parameters = new Dictionary<string, object?>();

    /// <summary>Keras' <c>model</c>: the model the callback is attached to (null until fit/evaluate/predict attaches it).</summary>
    public Model? model => attached;

    /// <summary>Keras' <c>params</c>: <c>verbose</c>, <c>epochs</c> and <c>steps</c> (batches per epoch, null if unknown).</summary>
    public IReadOnlyDictionary<string, object?> @params => parameters;

    /// <summary>Keras' <c>set_model</c> and <c>set_params</c>, called by fit/evaluate/predict (C# reserves those names for the properties).</summary>
    internal void Attach(Model model, IReadOnlyDictionary<string, object?> @params) => (attached, parameters) = (model, @params);

    /// <summary>The model, which fit/evaluate/predict set before the first hook.</summary>
    protected Model Model => model ?? throw new InvalidOperationException($"{GetType().Name}: the callback is not attached to a model (pass it to fit)");

    /// <summary>Keras' <c>on_train_begin(logs)</c>: called at the start of <c>fit</c>.</summary>
    public virtual void on_train_begin(Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_train_end(logs)</c>: called at the end of <c>fit</c>.</summary>
    public virtual void on_train_end(Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_epoch_begin(epoch, logs)</c>: called at the start of each epoch of <c>fit</c>.</summary>
    public virtual void on_epoch_begin(int epoch, Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_epoch_end(epoch, logs)</c>: called at the end of each epoch of <c>fit</c> with its logs.</summary>
    public virtual void on_epoch_end(int epoch, Dictionary<string, double>? logs = null) { }

    /// <summary>Keras: by default the training batch hooks call <see cref="on_batch_begin"/> / <see cref="on_batch_end"/>.</summary>
    public virtual void on_train_batch_begin(int batch, Dictionary<string, double>? logs = null) => on_batch_begin(batch, logs);
    /// <summary>Keras' <c>on_train_batch_end(batch, logs)</c>: called after each training batch; by default calls <see cref="on_batch_end"/>.</summary>
    public virtual void on_train_batch_end(int batch, Dictionary<string, double>? logs = null) => on_batch_end(batch, logs);
    /// <summary>Keras' <c>on_batch_begin(batch, logs)</c>: the old alias of <see cref="on_train_batch_begin"/>, called by it by default.</summary>
    public virtual void on_batch_begin(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_batch_end(batch, logs)</c>: the old alias of <see cref="on_train_batch_end"/>, called by it by default.</summary>
    public virtual void on_batch_end(int batch, Dictionary<string, double>? logs = null) { }

    /// <summary>Keras' <c>on_test_begin(logs)</c>: called at the start of evaluation (<c>evaluate</c>, or validation in <c>fit</c>).</summary>
    public virtual void on_test_begin(Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_test_end(logs)</c>: called at the end of evaluation (<c>evaluate</c>, or validation in <c>fit</c>).</summary>
    public virtual void on_test_end(Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_test_batch_begin(batch, logs)</c>: called before each evaluation batch.</summary>
    public virtual void on_test_batch_begin(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_test_batch_end(batch, logs)</c>: called after each evaluation batch.</summary>
    public virtual void on_test_batch_end(int batch, Dictionary<string, double>? logs = null) { }

    /// <summary>Keras' <c>on_predict_begin(logs)</c>: called at the start of <c>predict</c>.</summary>
    public virtual void on_predict_begin(Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_predict_end(logs)</c>: called at the end of <c>predict</c>.</summary>
    public virtual void on_predict_end(Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_predict_batch_begin(batch, logs)</c>: called before each <c>predict</c> batch.</summary>
    public virtual void on_predict_batch_begin(int batch, Dictionary<string, double>? logs = null) { }
    /// <summary>Keras' <c>on_predict_batch_end(batch, logs)</c>: called after each <c>predict</c> batch.</summary>
    public virtual void on_predict_batch_end(int batch, Dictionary<string, double>? logs = null) { }
}
