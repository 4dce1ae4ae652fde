using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using TfNotes.Cli.Training;

namespace TfNotes.Cli.Runs;

/// <summary>
/// A run's <c>metrics.json</c>: status (running, completed, cancelled, non_finite_loss, failed), why it stopped (for a
/// failed run, the error), the options it was trained with (enough to rebuild the model), the data sizes, library
/// versions, one entry per finished epoch, the epoch whose weights the run kept when they were chosen on validation
/// accuracy (null: the last), and the epoch whose weights file the folder holds (null: none yet).
/// </summary>
public sealed record RunRecord(
    string Status,
    string? StopReason,
    DateTimeOffset Started,
    TrainingOptions Hyperparameters,
    int TrainExamples,
    int TestExamples,
    LibraryVersions Versions,
    IReadOnlyList<EpochRecord> Epochs,
    int ValidationExamples = 0,
    int? ChosenEpoch = null,
    int? WeightsEpoch = null)
{
    public const string Failed = "failed";

    /// <summary>The epoch whose weights the run folder holds.</summary>
    public EpochRecord? Final => Epochs.Count == 0 ? null : ChosenEpoch is { } chosen ? Epochs.Single(e => e.Epoch == chosen) : Epochs[^1];

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
        RespectRequiredConstructorParameters = true, // `{}` is not a record of no epochs
        RespectNullableAnnotations = true,
    };

    public static string StatusOf(TrainingOutcome outcome) => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());
}

/// <summary>One finished epoch (float32 metrics, as computed); the validation and test accuracies are measured after the epoch, in inference mode.</summary>
public sealed record EpochRecord(int Epoch, float TrainLoss, float TrainAccuracy, float TestAccuracy, double Seconds, float? ValidationAccuracy = null)
{
    public static EpochRecord From(EpochMetrics m) =>
        new(m.Epoch, (float)m.TrainLoss, (float)m.TrainAccuracy, (float)m.EvaluationAccuracy, m.Seconds, (float?)m.ValidationAccuracy);

    /// <summary>The epoch's metrics again (a resumed run's earlier epochs); float32 values widen exactly.</summary>
    public EpochMetrics ToMetrics() => new(Epoch, TrainLoss, TrainAccuracy, TestAccuracy, Seconds, ValidationAccuracy);
}

public sealed record LibraryVersions(string TfNotes, string TorchSharp, string Libtorch, string Dotnet, string Os)
{
    public static LibraryVersions Current()
    {
        var engine = Binding.tf.config.engine_versions();
        return new(Informational(typeof(Tensor).Assembly), engine.TorchSharp, engine.Libtorch,
            RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription);
    }

    /// <summary>The assembly's informational version without its "+commit" suffix.</summary>
    static string Informational(Assembly assembly) =>
        (assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "?")
            .Split('+')[0];
}
