namespace TfNotes.Cli.Training;

/// <summary>softmax regression, or the notes' three-layer network (LINEAR → RELU → LINEAR → RELU → LINEAR → SOFTMAX).</summary>
public enum ModelKind { Softmax, ThreeLayer }

public enum OptimizerKind { Adam, Sgd, Rmsprop }

/// <summary>The learning rate over the run: constant, or Keras' CosineDecay from it to 0 over all the run's steps.</summary>
public enum ScheduleKind { Constant, Cosine }

public static class ModelKinds
{
    /// <summary>The name <c>--model</c> takes and run folders end with: <c>softmax</c>, <c>three-layer</c>.</summary>
    public static string CliName(this ModelKind model) => model == ModelKind.ThreeLayer ? "three-layer" : "softmax";
}

/// <summary>
/// Everything that decides a training run. <see cref="Beta1"/> is Adam's β1 (SGD's and RMSprop's momentum when those
/// are chosen). <see cref="TrainSubset"/> and <see cref="EvaluationSubset"/> keep only the first N examples (null:
/// all). <see cref="ValidationSplit"/> holds out the last fraction of the training examples as validation data
/// (<c>tfnotes train</c> passes 0.1; the record's 0 is a run without validation, as a tuner's trial, which
/// validates on data of its own); with validation, <see cref="EarlyStopping"/> epochs without a better validation
/// accuracy stop the run, and the weights of the best epoch on validation are the run's (0: never stop, still
/// keep the best). <see cref="Schedule"/> is the learning rate's (<c>tfnotes train</c> passes cosine).
/// </summary>
public sealed record TrainingOptions
{
    public ModelKind Model { get; init; } = ModelKind.ThreeLayer;
    public int[] Hidden { get; init; } = [256, 128];
    public bool BatchNorm { get; init; }
    public int Epochs { get; init; } = 15;
    public int BatchSize { get; init; } = 64;
    public double LearningRate { get; init; } = 0.0005;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public double Beta1 { get; init; } = 0.9;
    public int Seed { get; init; } = 1;
    public string? DataDir { get; init; }
    public int? TrainSubset { get; init; }
    public int? EvaluationSubset { get; init; }
    public double ValidationSplit { get; init; }
    public int EarlyStopping { get; init; } = 5;
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        static void Require(bool ok, string name, string message)
        {
            if (!ok) throw new ArgumentException($"{name} {message}", name);
        }
        Require(Hidden.Length > 0 && Hidden.All(h => h > 0), nameof(Hidden), "must list one or more positive layer sizes");
        Require(Epochs > 0, nameof(Epochs), "must be positive");
        Require(BatchSize > 0, nameof(BatchSize), "must be positive");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "must be a positive number");
        Require(Beta1 >= 0 && Beta1 < 1, nameof(Beta1), "must be in [0, 1)");
        Require(TrainSubset is null or > 0, nameof(TrainSubset), "must be positive");
        Require(EvaluationSubset is null or > 0, nameof(EvaluationSubset), "must be positive");
        Require(ValidationSplit >= 0 && ValidationSplit < 1, nameof(ValidationSplit), "must be in [0, 1)");
        Require(EarlyStopping >= 0, nameof(EarlyStopping), "must be 0 (never stop) or a positive number of epochs");
    }
}
