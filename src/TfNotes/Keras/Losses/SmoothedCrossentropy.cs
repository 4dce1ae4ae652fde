namespace TfNotes.Keras.Losses;

/// <summary>
/// The categorical and binary cross-entropy objects, which share Keras' arguments <c>from_logits</c>,
/// <c>label_smoothing</c> and <c>axis</c>; labels and predictions get the same rank first, as Keras' wrappers do.
/// </summary>
public abstract class SmoothedCrossentropy : Loss
{
    readonly bool binary;

    private protected SmoothedCrossentropy(bool binary, bool from_logits, double label_smoothing, int axis, string? reduction, string name) : base(name, reduction)
    {
        this.binary = binary;
        this.from_logits = from_logits;
        this.label_smoothing = LabelSmoothing.Check(label_smoothing);
        this.axis = axis;
    }

    /// <summary>Whether <c>y_pred</c> holds logits rather than probabilities (Keras' default false).</summary>
    public bool from_logits { get; }
    /// <summary>The label smoothing in [0, 1]: labels are moved toward the uniform distribution by this amount (default
    /// 0).</summary>
    public double label_smoothing { get; }
    /// <summary>The class axis of the labels and predictions (default −1).</summary>
    public int axis { get; }

    /// <inheritdoc/>
    protected sealed override Tensor PerExample(Tensor y_true, Tensor y_pred)
    {
        (y_true, y_pred) = Ranks.SqueezeOrExpand(y_true, y_pred);
        return binary
            ? Crossentropy.Binary(y_true, y_pred, from_logits, label_smoothing, axis, name)
            : Crossentropy.Categorical(y_true, y_pred, from_logits, axis, name, label_smoothing);
    }
}
