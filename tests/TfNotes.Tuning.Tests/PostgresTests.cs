using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

/// <summary>Against the throwaway server of scripts/postgres.sh; each test uses its own study.</summary>
public class PostgresTests
{
    private static string NewStudyName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static double Quadratic(Trial t) => Math.Pow(t.SuggestFloat("x", -10, 10) - 2, 2);

    [PostgresFact]
    public async Task ThreeWorkersWithTheirOwnConnectionsFinishExactlyNTrials()
    {
        var connection = PostgresTestDatabase.Require();
        var name = NewStudyName("workers");
        var workers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            using var storage = new PostgresStorage(connection);
            var study = Study.CreateOrLoad(name, storage, sampler: new TpeSampler(seed: i, nStartupTrials: 5));
            study.Optimize(t =>
            {
                t.Report(1, 0);
                Thread.Sleep(3);
                return Quadratic(t);
            }, 30);
        })).ToArray();
        await Task.WhenAll(workers);

        using var reader = new PostgresStorage(connection);
        var trials = Study.CreateOrLoad(name, reader).Trials;
        StudyTests.AssertExactlyFinished(trials, 30);
        Assert.Equal(30, trials.Count);
        Assert.All(trials, t => Assert.Single(t.IntermediateValues));
    }

    [PostgresFact]
    public void CreateOrLoadResumesAndFailuresAreRecorded()
    {
        var connection = PostgresTestDatabase.Require();
        var name = NewStudyName("resume");
        using (var storage = StorageUrl.Open(connection))
        {
            var study = Study.CreateOrLoad(name, storage, StudyDirection.Maximize);
            study.Optimize(t => t.Number == 1 ? double.NaN : -Quadratic(t), 3);
        }

        using (var storage = new PostgresStorage(connection))
        {
            var study = Study.CreateOrLoad(name, storage, StudyDirection.Maximize);
            Assert.Equal(4, study.Trials.Count);
            study.Optimize(t => -Quadratic(t), 6, workers: 2);
            var trials = study.Trials;
            StudyTests.AssertExactlyFinished(trials, 6);
            Assert.Equal("objective returned NaN", trials.Single(t => t.Number == 1).FailureReason);
            Assert.Equal(trials.Where(t => t.Value is not null).Max(t => t.Value), study.BestTrial!.Value);
        }
    }

    [PostgresFact]
    public void StaleTrialsAreFailedOnTheDatabaseClock()
    {
        using var storage = new PostgresStorage(PostgresTestDatabase.Require());
        var study = Study.CreateOrLoad(NewStudyName("stale"), storage);
        study.HeartbeatGracePeriod = TimeSpan.FromMilliseconds(500);
        study.WaitPollInterval = TimeSpan.FromMilliseconds(50);
        var orphan = storage.TryCreateTrial(study.Id, 3, 0, study.HeartbeatGracePeriod);

        study.Optimize(Quadratic, 3);

        var dead = study.Trials.Single(t => t.Number == orphan.Number);
        Assert.Equal(TrialState.Fail, dead.State);
        Assert.Equal("heartbeat stale: worker died", dead.FailureReason);
        StudyTests.AssertExactlyFinished(study.Trials, 3);
    }
}
