namespace TfNotes.Keras.Callbacks;

/// <summary>
/// <c>keras.callbacks.TerminateOnNaN</c>: after a batch whose loss is NaN or infinite, stops training (prints
/// "Batch N: Invalid loss, terminating training"), or with <c>raise_error</c> throws.
/// </summary>
public sealed class TerminateOnNaN(bool raise_error = false) : Callback
{
    /// <summary>Keras' <c>raise_error</c>: throw on an invalid loss instead of stopping training.</summary>
    public bool raise_error { get; } = raise_error;

    /// <inheritdoc/>
    public override void on_batch_end(int batch, Dictionary<string, double>? logs = null)
    {
        if (logs is null || !logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;
        if (raise_error)
            throw new ArithmeticException($"NaN or Inf loss encountered at batch {batch}. Loss value: {(double.IsNaN(loss) ? "nan" : loss > 0 ? "inf" : "-inf")}. Terminating training immediately.");
        Console.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        Model.stop_training = true;
    }
}
