namespace TfNotes.Keras.Losses;

/// <summary>
/// A Keras loss object: <c>loss.Call(y_true, y_pred)</c> is Keras' <c>loss(y_true, y_pred)</c>, the per-example losses
/// reduced with "sum_over_batch_size", i.e. their mean: <c>J = (1/m)·Σᵢ L⁽ⁱ⁾</c>.
/// </summary>
public abstract class Loss
{
    protected Loss(string name) => this.name = name;

    public string name { get; }
    public string reduction => "sum_over_batch_size";

    public Tensor Call(Tensor y_true, Tensor y_pred) => Binding.tf.reduce_mean(PerExample(y_true, y_pred));

    /// <summary>The loss of each example.</summary>
    protected abstract Tensor PerExample(Tensor y_true, Tensor y_pred);
}
