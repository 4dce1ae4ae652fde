using TfNotes.Tuning.Distributions;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;
using Xunit.Abstractions;

namespace TfNotes.Tuning.Tests;

public class SamplerTests(ITestOutputHelper output)
{
    // Branin: minimum 0.397887 at three points of x1 ∈ [-5, 10], x2 ∈ [0, 15].
    private static double Branin(Trial trial)
    {
        var x1 = trial.SuggestFloat("x1", -5, 10);
        var x2 = trial.SuggestFloat("x2", 0, 15);
        const double b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, t = 1 / (8 * Math.PI);
        return Math.Pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    private static double BestAfter(ISampler sampler, Func<Trial, double> objective, int trials)
    {
        using var storage = new InMemoryStorage();
        var study = Study.CreateOrLoad("bench", storage, sampler: sampler);
        study.Optimize(objective, trials);
        return study.BestTrial!.Value!.Value;
    }

    [Fact]
    public void TpeBeatsRandomOnBraninAtEqualBudget()
    {
        var seeds = Enumerable.Range(0, 8).ToList();
        var random = seeds.Average(s => BestAfter(new RandomSampler(s), Branin, 60));
        var tpe = seeds.Average(s => BestAfter(new TpeSampler(s), Branin, 60));
        output.WriteLine($"mean best of 60 trials over {seeds.Count} seeds: TPE {tpe:F4}, random {random:F4} (optimum 0.3979)");
        Assert.True(tpe < random, $"mean best: TPE {tpe:F4}, random {random:F4}");
        Assert.True(tpe < 0.397887 + 0.5 * (random - 0.397887), $"TPE {tpe:F4} should close half the gap of random {random:F4}");
    }

    [Fact]
    public void TpeFindsTheRightDecadeOfALogParameterAndTheRightChoice()
    {
        // Best at lr = 1e-3 with "adam": a log-scale bowl plus a categorical penalty.
        static double Objective(Trial t) =>
            Math.Pow(Math.Log10(t.SuggestFloat("lr", 1e-6, 1, log: true)) + 3, 2) +
            (t.SuggestCategorical("optimizer", ["sgd", "adam", "rmsprop"]) == "adam" ? 0 : 1);

        using var storage = new InMemoryStorage();
        var study = Study.CreateOrLoad("tpe", storage, sampler: new TpeSampler(seed: 3));
        study.Optimize(Objective, 60);
        var late = study.Trials.Where(t => t.Number >= 40).ToList();
        Assert.True(late.Count(t => (string)t.Params["optimizer"]! == "adam") >= 12, "TPE should mostly pick adam late");
        Assert.True(late.Count(t => Math.Abs(Math.Log10((double)t.Params["lr"]!) + 3) < 1) >= 12, "TPE should mostly sample within a decade of 1e-3 late");
    }

    [Fact]
    public void TpeStartsRandomThenUsesTheHistory()
    {
        var tpe = new TpeSampler(seed: 1, nStartupTrials: 10);
        var distribution = new FloatDistribution(0, 1);
        // Nine finished trials: still in the startup phase, so draws spread over the whole range.
        var nine = Enumerable.Range(0, 9)
            .Select(i => TrialFactory.Make(i, TrialState.Complete, value: i, parameters: new Dictionary<string, (double, Distribution)> { ["x"] = (0.05, distribution) }))
            .ToList();
        var spread = Enumerable.Range(0, 200).Select(_ => tpe.Sample(new SamplingContext(StudyDirection.Minimize, nine), "x", distribution)).ToList();
        Assert.True(spread.Count(x => x > 0.5) > 60);

        // Twenty trials, the best ones near 0.1 and the bad ones near 0.9: draws concentrate near 0.1.
        var twenty = Enumerable.Range(0, 20)
            .Select(i => TrialFactory.Make(i, TrialState.Complete, value: i,
                parameters: new Dictionary<string, (double, Distribution)> { ["x"] = (i < 4 ? 0.1 + 0.01 * i : 0.9 - 0.01 * i, distribution) }))
            .ToList();
        var focused = Enumerable.Range(0, 200).Select(_ => tpe.Sample(new SamplingContext(StudyDirection.Minimize, twenty), "x", distribution)).ToList();
        Assert.True(focused.Count(x => x < 0.3) > 150, $"{focused.Count(x => x < 0.3)} of 200 near the good trials");
    }

    [Fact]
    public void TpeGammaAndWeightsFollowOptuna()
    {
        Assert.Equal(1, TpeSampler.Gamma(1));
        Assert.Equal(1, TpeSampler.Gamma(10));
        Assert.Equal(2, TpeSampler.Gamma(11));
        Assert.Equal(25, TpeSampler.Gamma(1000));
        Assert.Equal(Enumerable.Repeat(1.0, 24), TpeSampler.ObservationWeights(24));
        var weights = TpeSampler.ObservationWeights(35).ToList();
        Assert.Equal(35, weights.Count);
        Assert.Equal(1.0 / 35, weights[0], 12);
        Assert.Equal(1.0, weights[9], 12);
    }

    [Fact]
    public void GridVisitsEveryPointOnce()
    {
        var space = new SearchSpace()
            .AddFloat("lr", 1e-4, 1e-1, log: true)
            .AddCategorical("units", [32, 64]);
        var grid = GridSampler.FromSearchSpace(space, pointsPerParameter: 4);
        Assert.Equal(8, grid.Size);

        using var storage = new InMemoryStorage();
        var study = Study.CreateOrLoad("grid", storage, sampler: grid);
        study.Optimize(t => (double)t.SuggestAll(space)["lr"]!, 8, workers: 2);
        var points = study.Trials.Select(t => ((double)t.Params["lr"]!, (int)t.Params["units"]!)).ToList();
        Assert.Equal(8, points.Distinct().Count());
        // The grid is on the parameter's own scale: 1e-4, 1e-3, 1e-2, 1e-1.
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1], points.Select(p => p.Item1).Distinct().Order().Select(x => Math.Round(x, 10)));
    }

    [Fact]
    public void Parzen_estimators_give_Optuna_3_1s_log_densities_on_the_same_observations()
    {
        // Optuna 3.1's _ParzenEstimator(...).log_pdf on these observations and points, run here with Debian's python3-optuna.
        var settings = new TpeSettings(1.0, true, false, TpeSampler.ObservationWeights);
        double[] xs = [0.1, 0.15, 0.5, 0.52, 0.9, 0.3, 0.31, 0.33, 0.7, 0.05, 0.6, 0.61, 0.62, 0.2, 0.8, 0.85, 0.95, 0.4, 0.45, 0.47, 0.48, 0.49, 0.55, 0.56, 0.57, 0.58, 0.65];
        double[] units = [8, 16, 128, 100, 1024, 512, 64, 60];
        var unit = new FloatDistribution(0, 1);
        var width = new IntDistribution(8, 1024, log: true);

        var univariate = new ParzenEstimator([unit], xs.Select(x => new[] { x }).ToList(), settings, multivariate: false);
        AssertClose([-3.0556848061084185, -2.8091585239198684, -2.3542559092479114, -2.0124923929009113, -2.678988399875701, -3.014752567685144],
            new[] { 0.0, 0.05, 0.3, 0.5, 0.77, 1.0 }.Select(x => univariate.LogDensity([x])));
        var logInt = new ParzenEstimator([width], units.Select(u => new[] { u }).ToList(), settings, multivariate: false);
        AssertClose([-1.341029115525869, -1.290396680383996, -1.14576238810892, -1.3104480599936743],
            new[] { 8.0, 30, 128, 1000 }.Select(u => logInt.LogDensity([u])));
        var joint = new ParzenEstimator([unit, width], xs.Take(8).Zip(units).Select(p => new[] { p.First, p.Second }).ToList(), settings, multivariate: true);
        AssertClose([-1.8620381115222937, -2.0745284601869156], [joint.LogDensity([0.1, 16]), joint.LogDensity([0.5, 500])]);

        // Normalized kernels (Optuna ≥ 3.5) make a density: it integrates to 1 over the range.
        var normalized = new ParzenEstimator([unit], xs.Select(x => new[] { x }).ToList(), settings with { NormalizedKernels = true }, multivariate: false);
        const int n = 20_000;
        var integral = Enumerable.Range(0, n).Sum(i => Math.Exp(normalized.LogDensity([(i + 0.5) / n]))) / n;
        Assert.Equal(1.0, integral, 4);
    }

    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual)
    {
        foreach (var (e, a) in expected.Zip(actual, (e, a) => (e, a))) Assert.Equal(e, a, 5); // erfc here is good to 1.2e-7
    }

    [Fact]
    public void Tpe_startup_trials_cover_each_parameters_range_one_stratum_each()
    {
        var study = Study.CreateOrLoad("strata", new InMemoryStorage(), sampler: new TpeSampler(seed: 4));
        study.Optimize(t => t.SuggestFloat("lr", 1e-5, 1, log: true) + t.SuggestReverseLog("beta", 0.9, 0.9999), 10);

        // Ten startup trials: one in each tenth of every parameter's search space (log lr, log(1 − β)), shuffled per parameter.
        int Decile(double searchValue, double low, double high) => (int)((searchValue - low) / (high - low) * 10);
        var lr = study.Trials.Select(t => Decile(Math.Log((double)t.Params["lr"]!), Math.Log(1e-5), Math.Log(1))).ToList();
        var beta = study.Trials.Select(t => Decile(Math.Log(1 - (double)t.Params["beta"]!), Math.Log(1e-4), Math.Log(0.1))).ToList();
        Assert.Equal(Enumerable.Range(0, 10), lr.Order());
        Assert.Equal(Enumerable.Range(0, 10), beta.Order());
        Assert.NotEqual(lr, beta);
    }
}
