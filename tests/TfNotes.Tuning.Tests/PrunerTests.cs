using TfNotes.Tuning.Pruners;
using static TfNotes.Tuning.Tests.TrialFactory;

namespace TfNotes.Tuning.Tests;

public class PrunerTests
{
    private readonly Dictionary<string, object?> _recorded = new();

    private PruningContext Context(StudyDirection direction, params FrozenTrial[] trials) =>
        new("hb", direction, trials, (key, value) => _recorded[key] = value);

    // Five complete trials whose value at every step is 1, 2, 3, 4, 5: the median at each step is 3.
    private static FrozenTrial[] FiveComplete() =>
        Enumerable.Range(1, 5).Select(v => Make(v, TrialState.Complete, v, Steps(v, v, v, v))).ToArray();

    private bool Median(FrozenTrial trial, StudyDirection direction = StudyDirection.Minimize, MedianPruner? pruner = null, FrozenTrial[]? others = null) =>
        (pruner ?? new MedianPruner()).Prune(Context(direction, [.. others ?? FiveComplete(), trial]), trial);

    [Fact]
    public void MedianPrunesATrialWhoseBestSoFarIsWorseThanTheMedian()
    {
        Assert.True(Median(Make(0, TrialState.Running, intermediate: Steps(9, 3.5))));
        Assert.False(Median(Make(0, TrialState.Running, intermediate: Steps(9, 2.5))));
        // Best so far, not the last value: 2.5 at step 0 keeps it alive at step 1 although 3.5 is above the median.
        Assert.False(Median(Make(0, TrialState.Running, intermediate: Steps(2.5, 3.5))));
        // Exactly the median is not worse.
        Assert.False(Median(Make(0, TrialState.Running, intermediate: Steps(3))));
    }

    [Fact]
    public void MedianFlipsForMaximization()
    {
        Assert.True(Median(Make(0, TrialState.Running, intermediate: Steps(2.5)), StudyDirection.Maximize));
        Assert.False(Median(Make(0, TrialState.Running, intermediate: Steps(3.5)), StudyDirection.Maximize));
    }

    [Fact]
    public void MedianWaitsForFiveCompleteTrialsAndIgnoresOthers()
    {
        var bad = Make(0, TrialState.Running, intermediate: Steps(100));
        var fourComplete = FiveComplete().Take(4)
            .Append(Make(10, TrialState.Pruned, 1, Steps(1)))
            .Append(Make(11, TrialState.Running, null, Steps(1)))
            .Append(Make(12, TrialState.Fail, null, Steps(1)))
            .ToArray();
        Assert.False(Median(bad, others: fourComplete));
        Assert.True(Median(bad, pruner: new MedianPruner(nStartupTrials: 4), others: fourComplete));
        Assert.False(Median(Make(0, TrialState.Running)), "nothing reported yet");
    }

    [Fact]
    public void MedianHonoursWarmupAndIntervalSteps()
    {
        var bad = Make(0, TrialState.Running, intermediate: Steps(100, 100));
        Assert.False(Median(bad, pruner: new MedianPruner(nWarmupSteps: 2)));
        Assert.True(Median(Make(0, TrialState.Running, intermediate: Steps(100, 100, 100)), pruner: new MedianPruner(nWarmupSteps: 2)));

        // Interval 2: step 1 shares its interval with the already judged step 0, step 2 opens a new one.
        Assert.False(Median(bad, pruner: new MedianPruner(intervalSteps: 2)));
        var skipping = Make(0, TrialState.Running, intermediate: new Dictionary<int, double> { [0] = 100, [2] = 100 });
        Assert.True(Median(skipping, pruner: new MedianPruner(intervalSteps: 2)));
    }

    [Fact]
    public void MedianDoesNotPruneWhenNoCompleteTrialReachedTheStep()
    {
        Assert.False(Median(Make(0, TrialState.Running, intermediate: Steps(1, 1, 1, 1, 100))));
    }

    private static FrozenTrial AtRung0(int number, double value) =>
        Make(number, TrialState.Running, intermediate: Steps(value, value),
            systemAttributes: new Dictionary<string, object?> { [SuccessiveHalvingPruner.RungKey(0)] = value });

    private bool Asha(FrozenTrial trial, StudyDirection direction, params FrozenTrial[] others) =>
        new SuccessiveHalvingPruner(minResource: 1).Prune(Context(direction, [.. others, trial]), trial);

    [Fact]
    public void AshaPromotesTheTopQuarterOfARung()
    {
        var sevenOthers = Enumerable.Range(1, 7).Select(v => AtRung0(v, v)).ToArray();
        // Eight values at rung 0 (step 1): the best 8 / 4 = 2 go on, i.e. values ≤ 2 (here 1 and 1.5).
        Assert.True(Asha(Make(0, TrialState.Running, intermediate: Steps(9, 3.5)), StudyDirection.Minimize, sevenOthers));
        Assert.False(Asha(Make(0, TrialState.Running, intermediate: Steps(9, 1.5)), StudyDirection.Minimize, sevenOthers));
        Assert.Equal(1.5, _recorded[SuccessiveHalvingPruner.RungKey(0)]);

        Assert.False(Asha(Make(0, TrialState.Running, intermediate: Steps(0, 6.5)), StudyDirection.Maximize, sevenOthers));
        Assert.True(Asha(Make(0, TrialState.Running, intermediate: Steps(0, 5.5)), StudyDirection.Maximize, sevenOthers));
    }

    [Fact]
    public void AshaPromotesOnlyTheBestWhileFewerThanTheReductionFactorReachedTheRung()
    {
        Assert.True(Asha(Make(0, TrialState.Running, intermediate: Steps(0, 1.5)), StudyDirection.Minimize, AtRung0(1, 1), AtRung0(2, 2)));
        Assert.False(Asha(Make(0, TrialState.Running, intermediate: Steps(0, 0.5)), StudyDirection.Minimize, AtRung0(1, 1), AtRung0(2, 2)));
        // Alone at the rung: promoted; rung 1 is at step 4, not reached at step 1.
        Assert.False(Asha(Make(0, TrialState.Running, intermediate: Steps(0, 1000)), StudyDirection.Minimize));
    }

    [Fact]
    public void AshaJudgesOnlyAtRungSteps()
    {
        // Rungs at steps 1, 4, 16 (reduction factor 4). At step 3 the trial already passed rung 0 and has
        // not reached rung 1: no decision, however bad.
        var passedRung0 = Make(0, TrialState.Running, intermediate: Steps(1, 1, 50, 99),
            systemAttributes: new Dictionary<string, object?> { [SuccessiveHalvingPruner.RungKey(0)] = 1.0 });
        var others = Enumerable.Range(1, 8).Select(v => AtRung0(v, v)).ToArray();
        Assert.False(Asha(passedRung0, StudyDirection.Minimize, others));
        Assert.False(Asha(Make(0, TrialState.Running, intermediate: Steps(99)), StudyDirection.Minimize, others), "step 0 is before rung 0");
    }

    [Fact]
    public void AshaAutoMinResourceWaitsForACompleteTrial()
    {
        var pruner = new SuccessiveHalvingPruner();
        var bad = Make(0, TrialState.Running, intermediate: Steps(50, 99));
        var others = Enumerable.Range(1, 8).Select(v => AtRung0(v, v)).ToArray();
        Assert.False(pruner.Prune(Context(StudyDirection.Minimize, [.. others, bad]), bad));

        // A complete trial of 300 steps: min resource 299 / 100 = 2, so step 1 is before rung 0 …
        var longRun = Make(20, TrialState.Complete, 0, Enumerable.Range(0, 300).ToDictionary(s => s, _ => 0.0));
        Assert.False(pruner.Prune(Context(StudyDirection.Minimize, [.. others, longRun, bad]), bad));
        // … and step 2 is rung 0, where 99 is far from the best quarter.
        var later = Make(0, TrialState.Running, intermediate: Steps(50, 99, 99));
        Assert.True(pruner.Prune(Context(StudyDirection.Minimize, [.. others, longRun, later]), later));
    }

    [Fact]
    public void HyperbandBracketsFollowOptuna()
    {
        var pruner = new HyperbandPruner(minResource: 1, maxResource: 81, reductionFactor: 3);
        var trial = Make(0, TrialState.Running, intermediate: Steps(1));
        pruner.Prune(Context(StudyDirection.Minimize, trial), trial);

        // floor(log3 81) + 1 = 5 brackets with budgets 81, 34, 15, 8, 5; crc32("hb_n") % 143 picks one.
        Assert.Equal(5, pruner.BracketCount);
        int[] optuna = [0, 1, 0, 3, 0, 0, 0, 1, 1, 1, 1, 0, 3, 3, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 2, 0, 0, 0, 0, 2];
        Assert.Equal(optuna, Enumerable.Range(0, optuna.Length).Select(n => pruner.BracketOf("hb", n)));
    }

    [Fact]
    public void HyperbandJudgesATrialOnlyAgainstItsOwnBracket()
    {
        bool Prune(params FrozenTrial[] others)
        {
            // Trial 1 is in bracket 1, whose first rung is at step 3^1 = 3.
            var trial = Make(1, TrialState.Running, intermediate: Steps(5, 5, 5, 5));
            return new HyperbandPruner(minResource: 1, maxResource: 81).Prune(Context(StudyDirection.Minimize, [.. others, trial]), trial);
        }

        Assert.False(Prune(AtRung0(0, 1), AtRung0(2, 1)), "trials 0 and 2 are in bracket 0 and do not compete");
        Assert.True(Prune(AtRung0(0, 100), AtRung0(7, 1)), "trial 7 is in bracket 1 and is better");
        var early = Make(1, TrialState.Running, intermediate: Steps(5, 5, 5));
        Assert.False(new HyperbandPruner(maxResource: 81).Prune(Context(StudyDirection.Minimize, AtRung0(7, 1), early), early), "step 2 is before bracket 1's first rung");
    }

    [Fact]
    public void HyperbandAutoMaxResourceWaitsForACompleteTrial()
    {
        var pruner = new HyperbandPruner();
        var trial = Make(1, TrialState.Running, intermediate: Steps(5, 5, 5, 5));
        Assert.False(pruner.Prune(Context(StudyDirection.Minimize, AtRung0(7, 1), trial), trial));
        Assert.Null(pruner.BracketCount);

        var complete = Make(30, TrialState.Complete, 0, Enumerable.Range(0, 27).ToDictionary(s => s, _ => 0.0));
        pruner.Prune(Context(StudyDirection.Minimize, complete, trial), trial);
        // max resource = last step 26 + 1 = 27: floor(log3 27) + 1 = 4 brackets.
        Assert.Equal(4, pruner.BracketCount);
    }
}
