using System.Text.Json;
using TfNotes.Tuning;
using TfNotes.Tuning.Pruners;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Cli.Tune;

/// <summary>Opens the study of a <c>tfnotes tune</c> run with the sampler, pruner and heartbeat timing it asked for.</summary>
internal static class TuneStudy
{
    public const int CoarseToFinePhases = 3;

    /// <summary>
    /// The study on <paramref name="storage"/>. Random search draws trial n's parameters from the seed and n alone, so
    /// every worker takes the same seed and a run tries the same trials with any number of workers. TPE and grid
    /// (whose random part is one stream per sampler) seed worker <paramref name="workerIndex"/> with seed + index,
    /// so that workers do not all draw the same values.
    /// </summary>
    public static Study Open(TuneSettings settings, IStorage storage, int workerIndex = 0)
    {
        var seed = settings.Seed + workerIndex;
        ISampler sampler = settings.Sampler switch
        {
            "tpe" => new TpeSampler(seed),
            "grid" => GridSampler.FromSearchSpace(ThreeLayerSearchSpace.Create(settings), pointsPerParameter: 3),
            _ => new RandomSampler(settings.Seed),
        };
        if (settings.CoarseToFine)
            sampler = new CoarseToFineSampler(sampler, TrialsPerPhase(settings.Trials), CoarseToFinePhases);
        IPruner pruner = settings.Pruner switch
        {
            "median" => new MedianPruner(),
            "asha" => new SuccessiveHalvingPruner(),
            "hyperband" => new HyperbandPruner(minResource: 1, maxResource: settings.Epochs),
            _ => new NopPruner(),
        };
        var study = Study.CreateOrLoad(settings.Study, storage, StudyDirection.Maximize, sampler, pruner);
        study.HeartbeatGracePeriod = settings.HeartbeatGrace;
        study.HeartbeatInterval = TimeSpan.FromTicks(Math.Min(study.HeartbeatInterval.Ticks, settings.HeartbeatGrace.Ticks / 4));
        return study;
    }

    /// <summary>System attribute of the study that holds the settings it was created with.</summary>
    public const string SettingsKey = "tfnotes:settings";

    /// <summary>
    /// Records this run's settings with a new study (or one Optuna started); refuses a study recorded with other
    /// settings, listing the differences, unless <see cref="TuneSettings.ForceSettings"/> (then records these).
    /// Optuna raises in the same spirit on a parameter's incompatible distribution.
    /// </summary>
    public static void RecordOrCheckSettings(Study study, TuneSettings settings)
    {
        var now = settings.Recorded();
        if (study.SystemAttributes.GetValueOrDefault(SettingsKey) is JsonElement { ValueKind: JsonValueKind.Object } stored && !settings.ForceSettings)
        {
            var before = stored.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
            var differences = now.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
                .Where(key => before.GetValueOrDefault(key) != now.GetValueOrDefault(key))
                .Select(key => $"{key} {before.GetValueOrDefault(key) ?? "(none)"} (this run: {now.GetValueOrDefault(key) ?? "(none)"})")
                .ToList();
            if (differences.Count == 0) return;
            throw new ArgumentException(
                $"study '{study.Name}' was created with other settings: {string.Join("; ", differences)}. Its trials would not be " +
                "comparable: use another --study, or --force-settings to continue it with this run's settings");
        }
        study.SetSystemAttribute(SettingsKey, JsonSerializer.SerializeToElement(now));
    }

    static int TrialsPerPhase(int trials) => Math.Max(1, (int)Math.Ceiling(trials / (double)CoarseToFinePhases));
}
