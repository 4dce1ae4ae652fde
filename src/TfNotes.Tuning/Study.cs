using TfNotes.Tuning.Pruners;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning;

/// <summary>
/// A named optimization kept in a storage, and the one place that runs the trial lifecycle:
/// reserve a numbered trial, keep its heartbeat, run the objective, commit the outcome, repeat.
/// Any number of threads and processes can optimize the same study through the same storage.
/// </summary>
public sealed class Study
{
    private Study(string name, int id, IStorage storage, StudyDirection direction, ISampler sampler, IPruner pruner)
    {
        Name = name;
        Id = id;
        Storage = storage;
        Direction = direction;
        Sampler = sampler;
        Pruner = pruner;
    }

    /// <summary>The study's name, unique in its storage.</summary>
    public string Name { get; }
    /// <summary>The study's id in its storage.</summary>
    public int Id { get; }
    /// <summary>Where the study and its trials are kept.</summary>
    public IStorage Storage { get; }
    /// <summary>Whether the objective is minimized or maximized.</summary>
    public StudyDirection Direction { get; }
    /// <summary>The sampler that proposes each trial's parameters.</summary>
    public ISampler Sampler { get; }
    /// <summary>The pruner that stops unpromising trials early.</summary>
    public IPruner Pruner { get; }

    /// <summary>Failure reason of a trial whose objective stopped because <see cref="Optimize"/> was cancelled (Ctrl-C).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>How often a running trial refreshes its heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A running trial whose heartbeat is older than this is failed by any worker ("heartbeat stale: worker
    /// died") and no longer counts toward the budget. Keep it several heartbeat intervals long.
    /// </summary>
    public TimeSpan HeartbeatGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a worker sleeps when the budget is filled by running trials before looking again.</summary>
    public TimeSpan WaitPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// A worker gives up (throws) after this many failed trials in a row, so a broken objective does not
    /// spin forever: failed trials do not count toward the budget.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 25;

    /// <summary>Raised on the worker's thread when a trial has been created, before its objective runs.</summary>
    public event EventHandler<FrozenTrial>? TrialStarted;

    /// <summary>Raised on the worker's thread after a trial's outcome is committed.</summary>
    public event EventHandler<FrozenTrial>? TrialFinished;

    /// <summary>Raised on the worker's thread when a trial reports an intermediate value.</summary>
    public event EventHandler<TrialReportedEventArgs>? TrialReported;

    /// <summary>
    /// Opens study <paramref name="name"/> in <paramref name="storage"/>, creating it if needed. Defaults:
    /// <see cref="RandomSampler"/> and no pruning. Throws if the study exists with the other direction.
    /// </summary>
    public static Study CreateOrLoad(string name, IStorage storage, StudyDirection direction = StudyDirection.Minimize,
        ISampler? sampler = null, IPruner? pruner = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = storage.CreateOrLoadStudy(name, direction);
        return new Study(name, id, storage, direction, sampler ?? new RandomSampler(), pruner ?? new NopPruner());
    }

    /// <summary>All trials of the study, from every worker, freshly read from storage.</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetTrials(Id);

    /// <summary>The study's system attributes (Optuna's study system_attrs), e.g. TfNotes' recorded settings.</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes => Storage.GetStudySystemAttributes(Id);

    /// <summary>Sets a system attribute of the study (Optuna's <c>set_system_attr</c>).</summary>
    public void SetSystemAttribute(string key, object? value) => Storage.SetStudySystemAttribute(Id, key, value);

    /// <summary>The best complete trial, or null when none is complete yet.</summary>
    public FrozenTrial? BestTrial => BestOf(Trials, Direction);

    /// <summary>
    /// Runs trials on <paramref name="workers"/> threads until <paramref name="nTrials"/> trials of the study
    /// are finished (complete or pruned), counting those of earlier runs and of other processes, so calling
    /// it again resumes. A trial whose objective throws or returns NaN fails with the message and does not
    /// count. With one worker the objective runs on the calling thread. Cancelling stops workers from
    /// starting new trials; running objectives finish (pass the token into the objective to stop them sooner: an
    /// objective that then throws OperationCanceledException fails its trial with reason "interrupted"). A sampler
    /// that is exhausted (a grid whose every point was tried) ends the study early, as Optuna's GridSampler.
    /// </summary>
    public void Optimize(Func<Trial, double> objective, int nTrials, int workers = 1,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nTrials);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (workers == 1)
        {
            RunWorker(objective, nTrials, cancellationToken);
            return;
        }

        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, workers).Select(i => new Thread(() =>
        {
            try
            {
                RunWorker(objective, nTrials, cancellationToken);
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        }) { Name = $"tuning worker {i}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (!errors.IsEmpty) throw new AggregateException(errors);
    }

    /// <summary>Fails running trials with a stale heartbeat now (otherwise done whenever a trial starts).</summary>
    public int FailStaleTrials() => Storage.FailStaleTrials(Id, HeartbeatGracePeriod);

    /// <summary>Writes the trials to <paramref name="path"/> as CSV with the columns of Optuna's
    /// <c>trials_dataframe()</c>.</summary>
    public void ExportCsv(string path) => File.WriteAllText(path, StudyExport.ToCsv(Trials));

    /// <summary>Writes the study and all its trials to <paramref name="path"/> as JSON.</summary>
    public void ExportJson(string path) => File.WriteAllText(path, StudyExport.ToJson(this, Trials));

    /// <summary>The best complete trial of <paramref name="trials"/> in <paramref name="direction"/>, or null when none is complete.</summary>
    public static FrozenTrial? BestOf(IEnumerable<FrozenTrial> trials, StudyDirection direction)
    {
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is not null);
        return direction == StudyDirection.Minimize
            ? complete.MinBy(t => t.Value)
            : complete.MaxBy(t => t.Value);
    }

    internal bool ShouldPrune(Trial trial)
    {
        if (Pruner is NopPruner) return false;
        var trials = Storage.GetTrials(Id);
        var current = trials.First(t => t.Id == trial.Id);
        var context = new PruningContext(Name, Direction, trials, (key, value) => Storage.SetSystemAttribute(trial.Id, key, value));
        return Pruner.Prune(context, current);
    }

    internal void OnTrialReported(Trial trial, int step, double value) =>
        TrialReported?.Invoke(this, new TrialReportedEventArgs(trial.Number, step, value));

    private void RunWorker(Func<Trial, double> objective, int nTrials, CancellationToken cancellationToken)
    {
        var failuresInARow = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var context = new SamplingContext(Name, Direction, () => Storage.GetTrials(Id));
            // Optuna's GridSampler stops the study once every grid point has been tried.
            if (Sampler.IsExhausted(context)) return;
            var phase = Sampler.PhaseOf(context);
            var slot = Storage.TryCreateTrial(Id, nTrials, phase, HeartbeatGracePeriod);
            if (slot.Status == TrialSlotStatus.BudgetReached) return;
            if (slot.Status == TrialSlotStatus.Wait)
            {
                cancellationToken.WaitHandle.WaitOne(WaitPollInterval);
                continue;
            }

            context.TrialNumber = slot.Number;
            context.Phase = phase;
            var finished = RunTrial(objective, new Trial(this, slot.TrialId, slot.Number, phase, context), cancellationToken);
            failuresInARow = finished.State == TrialState.Fail ? failuresInARow + 1 : 0;
            if (failuresInARow >= MaxConsecutiveFailures)
                throw new InvalidOperationException(
                    $"study '{Name}': {failuresInARow} trials failed in a row; last: {finished.FailureReason}");
        }
    }

    private FrozenTrial RunTrial(Func<Trial, double> objective, Trial trial, CancellationToken cancellationToken)
    {
        TrialStarted?.Invoke(this, Storage.GetTrial(trial.Id));
        TrialState state;
        double? value = null;
        string? failure = null;
        using (new TrialHeartbeat(Storage, trial.Id, HeartbeatInterval))
        {
            try
            {
                value = objective(trial);
                state = TrialState.Complete;
                if (double.IsNaN(value.Value))
                    (state, value, failure) = (TrialState.Fail, null, "objective returned NaN");
            }
            catch (TrialPruned)
            {
                // As Optuna: a pruned trial's value is its last intermediate value (none if NaN).
                state = TrialState.Pruned;
                value = trial.IntermediateValues.Count == 0 ? null : trial.IntermediateValues.MaxBy(p => p.Key).Value;
                if (value is { } last && double.IsNaN(last)) value = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                (state, failure) = (TrialState.Fail, Interrupted);
            }
            catch (Exception e)
            {
                state = TrialState.Fail;
                failure = $"{e.GetType().Name}: {e.Message}";
            }
        }

        // False when another worker already failed it as stale: its stored outcome stays FAIL.
        Storage.FinishTrial(trial.Id, state, value, failure);
        var finished = Storage.GetTrial(trial.Id);
        TrialFinished?.Invoke(this, finished);
        return finished;
    }
}
