using TfNotes.Tuning.Distributions;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

public class CoarseToFineTests
{
    private static FrozenTrial WithParam(int number, double value, string name, double x, Distribution distribution) =>
        TrialFactory.Make(number, TrialState.Complete, value, parameters: new Dictionary<string, (double, Distribution)> { [name] = (x, distribution) });

    [Fact]
    public void NarrowsALogParameterInDecadesNotInUnits()
    {
        var full = new FloatDistribution(1e-6, 1, ParameterScale.Log);
        var trials = new[] { 1e-4, 1e-3, 1e-2, 0.5, 1e-6 }
            .Select((x, i) => WithParam(i, value: i, "lr", x, full)).ToList();
        var sampler = new CoarseToFineSampler(new RandomSampler(), trialsPerPhase: 5, topK: 3);

        var narrowed = sampler.Narrow("lr", full, trials, StudyDirection.Minimize);

        // Best three span 1e-4 … 1e-2 (two decades); a quarter of that on each side: 10^-4.5 … 10^-1.5.
        Assert.Equal(ParameterScale.Log, narrowed.Scale);
        Assert.Equal(Math.Pow(10, -4.5), narrowed.Low, 1e-12);
        Assert.Equal(Math.Pow(10, -1.5), narrowed.High, 1e-12);
    }

    [Fact]
    public void NarrowsAReverseLogParameterInOneMinusBeta()
    {
        var full = new FloatDistribution(0.9, 0.9999, ParameterScale.ReverseLog);
        var trials = new[] { 0.99, 0.999, 0.9 }.Select((x, i) => WithParam(i, value: i, "beta", x, full)).ToList();
        var sampler = new CoarseToFineSampler(new RandomSampler(), trialsPerPhase: 3, topK: 2);

        var narrowed = sampler.Narrow("beta", full, trials, StudyDirection.Minimize);

        // 1 − β from 1e-2 to 1e-3, widened by a quarter decade: β from 1 − 10^-1.75 to 1 − 10^-3.25.
        Assert.Equal(1 - Math.Pow(10, -1.75), narrowed.Low, 1e-12);
        Assert.Equal(1 - Math.Pow(10, -3.25), narrowed.High, 1e-12);
    }

    [Fact]
    public void MaximizingKeepsTheLargestValuesAndIntegersStayIntegers()
    {
        var full = new IntDistribution(1, 100);
        var trials = Enumerable.Range(1, 100).Select(x => WithParam(x, value: -Math.Abs(x - 50), "units", x, full)).ToList();
        var sampler = new CoarseToFineSampler(new RandomSampler(), trialsPerPhase: 10, topK: 5);

        var narrowed = (IntDistribution)sampler.Narrow("units", full, trials, StudyDirection.Maximize);

        // Best five are 48 … 52, a width of 4 less than the 10% floor (≈ 10): about 45 … 55.
        Assert.InRange(narrowed.Low, 44, 46);
        Assert.InRange(narrowed.High, 54, 56);
    }

    [Fact]
    public void LaterPhasesSampleInsideTheNarrowedRangesAndRecordTheirPhase()
    {
        using var storage = new InMemoryStorage();
        var sampler = new CoarseToFineSampler(new RandomSampler(seed: 5), trialsPerPhase: 20, phases: 3, topK: 5);
        var study = Study.CreateOrLoad("zoom", storage, sampler: sampler);
        study.Optimize(t => Math.Pow(Math.Log10(t.SuggestFloat("lr", 1e-6, 1, log: true)) + 3, 2), 60);

        var trials = study.Trials;
        Assert.Equal(Enumerable.Repeat(0, 20).Concat(Enumerable.Repeat(1, 20)).Concat(Enumerable.Repeat(2, 20)), trials.Select(t => t.Phase));

        double DecadeSpread(int phase) => trials.Where(t => t.Phase == phase).Select(t => Math.Log10((double)t.Params["lr"]!)) is var logs
            ? logs.Max() - logs.Min() : 0;
        Assert.True(DecadeSpread(0) > 4, $"coarse phase spans {DecadeSpread(0):F2} decades");
        Assert.True(DecadeSpread(1) < 0.75 * DecadeSpread(0), $"phase 1 spans {DecadeSpread(1):F2} decades");
        Assert.All(trials.Where(t => t.Phase == 2), t => Assert.InRange(Math.Log10((double)t.Params["lr"]!), -5, -1));

        // Each fine trial lies in the range narrowed from the trials finished before it started.
        var full = new FloatDistribution(1e-6, 1, ParameterScale.Log);
        foreach (var trial in trials.Where(t => t.Phase > 0))
        {
            var before = trials.Where(t => t.Number < trial.Number);
            var range = sampler.Narrow("lr", full, before, StudyDirection.Minimize);
            Assert.InRange((double)trial.Params["lr"]!, range.Low, range.High);
        }
        Assert.True(study.BestTrial!.Value < 0.05);
    }
}
