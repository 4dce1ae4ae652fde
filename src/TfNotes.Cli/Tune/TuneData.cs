using TfNotes.Cli.Training;

namespace TfNotes.Cli.Tune;

/// <summary>
/// Fashion-MNIST cut for tuning: the first <c>--validation</c> training examples are held out to validate on,
/// trials train on the next <c>--train-subset</c> (default: all the rest), the best is retrained on both and
/// tested once on the test set, which no trial ever sees.
/// </summary>
internal sealed record TuneData(LabelledImages Train, LabelledImages Validation, LabelledImages Retrain, LabelledImages Test)
{
    public static TuneData Load(TuneSettings settings)
    {
        var (train, test) = LabelledImages.LoadFashionMnist(settings.DataDir);
        if (settings.Validation >= train.Count)
            throw new ArgumentException($"--validation {settings.Validation} leaves no training examples (the training set has {train.Count})");
        var trainCount = Math.Min(settings.TrainSubset ?? int.MaxValue, train.Count - settings.Validation);
        return new(
            train.Slice(settings.Validation, trainCount),
            train.Slice(0, settings.Validation),
            train.Slice(0, settings.Validation + trainCount),
            test);
    }
}
