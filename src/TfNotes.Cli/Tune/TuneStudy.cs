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
            "grid" => GridSampler.FromSearchSpace(MlpSearchSpace.Create(settings), pointsPerParameter: 3, seed),
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

    static int TrialsPerPhase(int trials) => Math.Max(1, (int)Math.Ceiling(trials / (double)CoarseToFinePhases));
}
