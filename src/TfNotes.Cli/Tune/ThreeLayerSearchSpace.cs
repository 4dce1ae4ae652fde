using TfNotes.Tuning;

namespace TfNotes.Cli.Tune;

/// <summary>
/// What <c>tfnotes tune</c> searches, on the notes' scales: the learning rate as 10^r, Adam's β1 as 1 − 10^r,
/// the two hidden layers' sizes log-uniform, the batch size and batch normalization as choices.
/// </summary>
internal static class ThreeLayerSearchSpace
{
    public const string LearningRate = "learning_rate";
    public const string Beta1 = "beta_1";
    public const string Hidden1 = "hidden_1";
    public const string Hidden2 = "hidden_2";
    public const string BatchSize = "batch_size";
    public const string BatchNorm = "batch_norm";

    public static readonly int[] BatchSizes = [32, 64, 128, 256];

    public static SearchSpace Create(TuneSettings settings) => new SearchSpace()
        .AddFloat(LearningRate, settings.LearningRate.Low, settings.LearningRate.High, log: true)
        .AddReverseLog(Beta1, 0.8, 0.999)
        .AddInt(Hidden1, settings.Hidden.Low, settings.Hidden.High, log: true)
        .AddInt(Hidden2, settings.Hidden.Low, settings.Hidden.High, log: true)
        .AddCategorical(BatchSize, BatchSizes)
        .AddCategorical(BatchNorm, [false, true]);
}
