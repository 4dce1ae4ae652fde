namespace TfNotes.Keras.Losses;

internal static class LabelSmoothing
{
    internal static double Check(double value) => value is >= 0 and <= 1 ? value
        : throw new ArgumentOutOfRangeException("label_smoothing", value, "label_smoothing must be in [0, 1]");
}
