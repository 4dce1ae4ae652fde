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

    public bool from_logits { get; }
    public double label_smoothing { get; }
    public int axis { get; }

    protected sealed override Tensor PerExample(Tensor y_true, Tensor y_pred)
    {
        (y_true, y_pred) = Ranks.SqueezeOrExpand(y_true, y_pred);
        return binary
            ? Crossentropy.Binary(y_true, y_pred, from_logits, label_smoothing, axis, name)
            : Crossentropy.Categorical(y_true, y_pred, from_logits, axis, name, label_smoothing);
    }
}
