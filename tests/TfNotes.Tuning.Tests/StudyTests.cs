using System.Collections.Concurrent;
using System.Text.Json;
using TfNotes.Tuning.Pruners;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

public class StudyTests
{
    private static double Quadratic(Trial t) => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2);

    internal static void AssertExactlyFinished(IReadOnlyList<FrozenTrial> trials, int n)
    {
        Assert.Equal(n, trials.Count(t => t.State.IsFinished()));
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
        Assert.Equal(trials.Count, trials.Select(t => t.Number).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number).Order());
    }

    [Fact]
    public void FailingAndNaNObjectivesFailWithTheMessageAndTheStudyStillReachesTheBudget()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        var study = Study.CreateOrLoad("failures", storage);
        study.Optimize(t =>
        {
            var value = Quadratic(t);
            return t.Number switch
            {
                1 => throw new InvalidOperationException("exploded at epoch 3"),
                3 => double.NaN,
                _ => value,
            };
        }, 6);

        var trials = study.Trials;
        AssertExactlyFinished(trials, 6);
        Assert.Equal(8, trials.Count);
        var thrown = trials.Single(t => t.Number == 1);
        Assert.Equal(TrialState.Fail, thrown.State);
        Assert.Equal("InvalidOperationException: exploded at epoch 3", thrown.FailureReason);
        Assert.Null(thrown.Value);
        Assert.Contains("x", thrown.Params.Keys);
        var nan = trials.Single(t => t.Number == 3);
        Assert.Equal(TrialState.Fail, nan.State);
        Assert.Equal("objective returned NaN", nan.FailureReason);
        Assert.All(trials.Where(t => t.State == TrialState.Complete), t => Assert.Null(t.FailureReason));
    }

    [Fact]
    public void AnObjectiveThatAlwaysFailsStopsTheWorkerInsteadOfSpinning()
    {
        using var storage = new InMemoryStorage();
        var study = Study.CreateOrLoad("broken", storage);
        study.MaxConsecutiveFailures = 5;
        var error = Assert.Throws<InvalidOperationException>(() => study.Optimize(_ => throw new FormatException("bad input"), 10));
        Assert.Contains("bad input", error.Message);
        Assert.Equal(5, study.Trials.Count(t => t.State == TrialState.Fail));
    }

    [Fact]
    public void ThreeThreadsOnOneSqliteFileFinishExactlyNTrialsWithUniqueNumbers()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        var study = Study.CreateOrLoad("threads", storage, sampler: new TpeSampler(seed: 1));
        var threads = new ConcurrentDictionary<int, byte>();
        study.Optimize(t =>
        {
            threads[Environment.CurrentManagedThreadId] = 0;
            // Each worker's trials wait until all three are running trials, so the three really overlap (a worker
            // that started late on a busy machine used to find the 30 trials taken).
            SpinWait.SpinUntil(() => threads.Count == 3, TimeSpan.FromSeconds(30));
            Thread.Sleep(5);
            return Quadratic(t);
        }, 30, workers: 3);

        AssertExactlyFinished(study.Trials, 30);
        Assert.Equal(30, study.Trials.Count);
        Assert.Equal(3, threads.Count);
    }

    [Fact]
    public async Task ThreeIndependentStoragesOnOneSqliteFileShareTheBudget()
    {
        // As three processes would: each worker has its own storage object, connections and Study.
        using var file = new TempSqliteFile();
        var workers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            using var storage = file.Open();
            var study = Study.CreateOrLoad("processes", storage, sampler: new RandomSampler(i));
            study.Optimize(t =>
            {
                for (var epoch = 0; epoch < 3; epoch++) t.Report(epoch, epoch);
                return Quadratic(t);
            }, 24);
        })).ToArray();
        await Task.WhenAll(workers);

        using var reader = file.Open();
        var trials = Study.CreateOrLoad("processes", reader).Trials;
        AssertExactlyFinished(trials, 24);
        Assert.All(trials, t => Assert.Equal(3, t.IntermediateValues.Count));
    }

    [Fact]
    public void AStaleTrialIsFailedWithAReasonAndDoesNotCountWhileALiveSlowTrialSurvives()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        var study = Study.CreateOrLoad("stale", storage);
        study.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        study.HeartbeatGracePeriod = TimeSpan.FromMilliseconds(1000);
        study.WaitPollInterval = TimeSpan.FromMilliseconds(50);

        // A worker that died mid-trial: a running trial nobody beats for.
        var orphan = storage.TryCreateTrial(study.Id, 5, 0, study.HeartbeatGracePeriod);
        storage.SetParam(orphan.TrialId, "x", 1, new Distributions.FloatDistribution(-10, 10));

        study.Optimize(t =>
        {
            // One trial runs three grace periods long: its heartbeat must keep it alive.
            if (t.Number == 1) Thread.Sleep(3000);
            return Quadratic(t);
        }, 5, workers: 2);

        var trials = study.Trials;
        AssertExactlyFinished(trials, 5);
        var dead = trials.Single(t => t.Number == orphan.Number);
        Assert.Equal(TrialState.Fail, dead.State);
        Assert.Equal("heartbeat stale: worker died", dead.FailureReason);
        Assert.NotNull(dead.CompletedAt);
        Assert.Equal(TrialState.Complete, trials.Single(t => t.Number == 1).State);
        Assert.Equal(5, trials.Count(t => t.State == TrialState.Complete));
    }

    [Fact]
    public void CreateOrLoadResumesUntilTheBudgetOfFinishedTrials()
    {
        using var file = new TempSqliteFile();
        List<FrozenTrial> first;
        using (var storage = file.Open())
        {
            var study = Study.CreateOrLoad("resume", storage, StudyDirection.Maximize);
            study.Optimize(t => -Quadratic(t), 4);
            first = study.Trials.ToList();
        }

        using (var storage = StorageUrl.Open("sqlite:" + file.Path))
        {
            var study = Study.CreateOrLoad("resume", storage, StudyDirection.Maximize);
            Assert.Equal(4, study.Trials.Count);
            study.Optimize(t => -Quadratic(t), 4);
            Assert.Equal(4, study.Trials.Count);
            study.Optimize(t => -Quadratic(t), 7);
            var trials = study.Trials;
            AssertExactlyFinished(trials, 7);
            Assert.Equal(first.Select(t => (t.Number, t.Value)), trials.Take(4).Select(t => (t.Number, t.Value)));
            Assert.Equal(trials.Max(t => t.Value), study.BestTrial!.Value);

            var error = Assert.Throws<InvalidOperationException>(() => Study.CreateOrLoad("resume", storage, StudyDirection.Minimize));
            Assert.Contains("Maximize", error.Message);
        }
    }

    [Fact]
    public void TrialsCarryParamsTimingsAndIntermediateValues()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        var study = Study.CreateOrLoad("record", storage);
        study.Optimize(t =>
        {
            var lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
            var beta = t.SuggestReverseLog("beta1", 0.8, 0.999);
            var units = t.SuggestInt("units", 16, 256, log: true);
            var batchNorm = t.SuggestCategorical("batch_norm", [true, false]);
            var activation = t.SuggestCategorical("activation", ["relu", "tanh"]);
            t.Report(1.5, 0);
            t.Report(9.0, 0); // Optuna 3.1: a step reported twice keeps its first value (with a warning)
            t.Report(double.NaN, 1);
            t.Report(0.5, 2);
            t.SetUserAttribute("note", $"{activation}/{batchNorm}");
            Thread.Sleep(20);
            return lr * units * (1 - beta);
        }, 1);

        var trial = study.Trials.Single();
        Assert.Equal(TrialState.Complete, trial.State);
        Assert.IsType<double>(trial.Params["lr"]);
        Assert.InRange((double)trial.Params["beta1"]!, 0.8, 0.999);
        Assert.IsType<int>(trial.Params["units"]);
        Assert.IsType<bool>(trial.Params["batch_norm"]);
        Assert.Contains(trial.Params["activation"], new object[] { "relu", "tanh" });
        Assert.Equal(1.5, trial.IntermediateValues[0]);
        Assert.True(double.IsNaN(trial.IntermediateValues[1]));
        Assert.Equal(2, trial.LastStep);
        Assert.Equal($"{trial.Params["activation"]}/{trial.Params["batch_norm"]}", trial.UserAttributes["note"]);
        Assert.True(trial.Duration >= TimeSpan.FromMilliseconds(15), $"duration {trial.Duration}");
    }

    [Fact]
    public void PrunedTrialsKeepTheirLastIntermediateValueAndCountTowardTheBudget()
    {
        using var storage = new InMemoryStorage();
        var study = Study.CreateOrLoad("prune", storage, sampler: new RandomSampler(4), pruner: new MedianPruner(nStartupTrials: 3));
        study.Optimize(t =>
        {
            var x = t.SuggestFloat("x", 0, 1);
            for (var step = 0; step < 5; step++)
            {
                t.Report(x * (5 - step), step);
                if (t.ShouldPrune()) throw new TrialPruned();
            }
            return x;
        }, 20);

        var trials = study.Trials;
        AssertExactlyFinished(trials, 20);
        var pruned = trials.Where(t => t.State == TrialState.Pruned).ToList();
        Assert.NotEmpty(pruned);
        Assert.All(pruned, t => Assert.Equal(t.IntermediateValues[t.LastStep!.Value], t.Value));
        Assert.All(pruned, t => Assert.True(t.LastStep < 4));
    }

    [Fact]
    public void EventsReportEveryTrialStartingAndFinishing()
    {
        using var storage = new InMemoryStorage();
        var study = Study.CreateOrLoad("events", storage);
        var started = new ConcurrentBag<int>();
        var finished = new ConcurrentBag<(int, TrialState)>();
        var reported = new ConcurrentBag<(int, int)>();
        study.TrialStarted += (_, t) => started.Add(t.Number);
        study.TrialFinished += (_, t) => finished.Add((t.Number, t.State));
        study.TrialReported += (_, e) => reported.Add((e.TrialNumber, e.Step));
        study.Optimize(t =>
        {
            t.Report(1, 0);
            return t.Number == 2 ? throw new InvalidOperationException("x") : 1;
        }, 4, workers: 2);

        Assert.Equal([0, 1, 2, 3, 4], started.Order());
        Assert.Equal([0, 1, 2, 3, 4], finished.Select(f => f.Item1).Order());
        Assert.Equal(TrialState.Fail, finished.Single(f => f.Item1 == 2).Item2);
        Assert.Equal(5, reported.Count);
    }

    [Fact]
    public void ExportsListEveryTrialWithStatePhaseAndParams()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        var study = Study.CreateOrLoad("export", storage, sampler: new CoarseToFineSampler(new RandomSampler(1), trialsPerPhase: 3));
        study.Optimize(t =>
        {
            if (t.Number == 4) throw new ArgumentException("bad, \"quoted\" value");
            t.Report(3, 0);
            return Quadratic(t) + t.SuggestInt("layers", 1, 3);
        }, 6);

        var csvPath = Path.Combine(Path.GetDirectoryName(file.Path)!, "trials.csv");
        study.ExportCsv(csvPath);
        var lines = File.ReadAllLines(csvPath);
        // Optuna's trials_dataframe() columns; the phase and the failure reason are system attributes.
        Assert.Equal("number,value,datetime_start,datetime_complete,duration,params_layers,params_x," +
                     "system_attrs_fail_reason,system_attrs_tfnotes:phase,state", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.StartsWith("4,,", lines[5]);
        Assert.EndsWith(",\"ArgumentException: bad, \"\"quoted\"\" value\",1,FAIL", lines[5]);
        Assert.Matches(@"^5,[0-9.]+,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?,[^,]+,0 days 00:00:\d\d(\.\d{6})?,[1-3],[-0-9.E]+,,1,COMPLETE$", lines[6]);

        var jsonPath = Path.Combine(Path.GetDirectoryName(file.Path)!, "trials.json");
        study.ExportJson(jsonPath);
        using var json = JsonDocument.Parse(File.ReadAllText(jsonPath));
        var root = json.RootElement;
        Assert.Equal("export", root.GetProperty("study").GetString());
        Assert.Equal(study.BestTrial!.Number, root.GetProperty("best_trial").GetInt32());
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(7, trials.Count);
        Assert.Equal("FAIL", trials[4].GetProperty("state").GetString());
        // Phases follow finished trials (3 per phase); the failed trial 4 does not count.
        Assert.Equal([0, 0, 0, 1, 1, 1, 1], trials.Select(t => t.GetProperty("phase").GetInt32()));
        Assert.Equal(3, trials[0].GetProperty("intermediate_values").GetProperty("0").GetDouble());
        var x = trials[0].GetProperty("distributions").GetProperty("x");
        Assert.Equal("FloatDistribution", x.GetProperty("name").GetString());
        Assert.False(x.GetProperty("attributes").GetProperty("log").GetBoolean());
        Assert.Equal(study.Trials[0].Params["x"], trials[0].GetProperty("params").GetProperty("x").GetDouble());
    }
}
