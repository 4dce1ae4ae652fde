using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// <c>tf.keras.metrics.CategoricalAccuracy</c>: the fraction of examples with argmax(y_pred) = argmax(y_true), for
/// one-hot labels. y_pred may be probabilities or logits (softmax keeps the argmax).
/// </summary>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : Metric(name)
{
    public void update_state(Tensor y_true, Tensor y_pred)
    {
        if (y_true.shape != y_pred.shape || y_pred.ndim == 0)
            throw new InvalidArgumentError($"{name}: y_true and y_pred must have the same shape with a class axis, got y_true {y_true.shape} and y_pred {y_pred.shape}");
        using var _ = torch.no_grad();
        using var labels = y_true.Native.argmax(-1);
        using var predicted = y_pred.Native.argmax(-1);
        using var matches = predicted.eq(labels);
        using var correct = matches.sum();
        Accumulate(correct.ToInt64(), matches.NumberOfElements);
    }
}
