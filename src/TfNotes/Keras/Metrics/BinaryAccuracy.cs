using TorchSharp;

namespace TfNotes.Keras.Metrics;

/// <summary>
/// <c>tf.keras.metrics.BinaryAccuracy</c>: the fraction of values with [(ŷ &gt; threshold) = y], for labels 0/1 and
/// probabilities (threshold 0.5); several values per example average per example first, as Keras.
/// </summary>
public sealed class BinaryAccuracy(string name = "binary_accuracy", double threshold = 0.5) : MeanMetricWrapper(name)
{
    /// <summary>The probability above which a prediction counts as 1 (Keras' default 0.5).</summary>
    public double threshold { get; } = threshold;

    internal override string? Direction => "up";

    /// <inheritdoc/>
    protected override Tensor Values(Tensor y_true, Tensor y_pred) => Tensor.Wrap(ValuesOf(y_true, y_pred), y_pred);

    private protected override torch.Tensor ValuesOf(Tensor y_true, Tensor y_pred)
    {
        var (labels, predictions) = Samplewise.SqueezeOrExpand(y_true.Native, y_pred.Native);
        using (labels)
        using (predictions)
        {
            if (!labels.shape.AsSpan().SequenceEqual(predictions.shape))
                throw new InvalidArgumentError($"{name}: y_true and y_pred must have the same shape, got y_true {y_true.shape} and y_pred {y_pred.shape}");
            using Scalar cut = threshold; // rooted for the native call: see Ops.WithScalar
            using var predicted = predictions.gt(cut);
            using var truth = labels.to_type(torch.ScalarType.Bool);
            using var matches = predicted.eq(truth);
            return matches.to_type(torch.ScalarType.Float32);
        }
    }
}
