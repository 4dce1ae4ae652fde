using TfNotes.Tuning.Distributions;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

public class DistributionTests
{
    private static readonly SamplingContext NoHistory = new(StudyDirection.Minimize, []);

    /// <summary>Draws from the sampler's stream, or (<paramref name="perTrial"/>) one draw in each of trials 0…count−1.</summary>
    private static double[] Draw(ISampler sampler, Distribution distribution, int count, bool perTrial = false) =>
        Enumerable.Range(0, count).Select(i => sampler.Sample(perTrial ? InTrial(i) : NoHistory, "x", distribution)).ToArray();

    private static SamplingContext InTrial(int number) => new(StudyDirection.Minimize, []) { TrialNumber = number };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LogUniformPutsAQuarterOfDrawsInEachDecade(bool perTrial)
    {
        var draws = Draw(new RandomSampler(seed: 1), new FloatDistribution(1e-4, 1, ParameterScale.Log), 10_000, perTrial);
        Assert.All(draws, x => Assert.InRange(x, 1e-4, 1));
        for (var decade = -4; decade < 0; decade++)
        {
            var share = draws.Count(x => x >= Math.Pow(10, decade) && x < Math.Pow(10, decade + 1)) / 10_000.0;
            Assert.InRange(share, 0.23, 0.27);
        }
    }

    [Fact]
    public void LinearScaleWouldPutAlmostNothingInTheLowDecades()
    {
        // The contrast the notes draw: uniform in [1e-4, 1] leaves the small learning rates nearly unexplored.
        var draws = Draw(new RandomSampler(seed: 1), new FloatDistribution(1e-4, 1), 10_000);
        Assert.InRange(draws.Count(x => x < 1e-2) / 10_000.0, 0, 0.02);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReverseLogSplitsBetaEvenlyBetweenPointNineAndPointNineNineNine(bool perTrial)
    {
        var draws = Draw(new RandomSampler(seed: 2), new FloatDistribution(0.9, 0.999, ParameterScale.ReverseLog), 10_000, perTrial);
        Assert.All(draws, x => Assert.InRange(x, 0.9, 0.999));
        Assert.InRange(draws.Count(x => x < 0.99) / 10_000.0, 0.48, 0.52);
        Assert.InRange(draws.Count(x => x >= 0.99) / 10_000.0, 0.48, 0.52);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LogIntegersGiveEachEndItsShare(bool perTrial)
    {
        var draws = Draw(new RandomSampler(seed: 3), new IntDistribution(1, 1000, log: true), 10_000, perTrial);
        Assert.All(draws, x => Assert.Equal(Math.Round(x), x));
        Assert.Contains(1.0, draws);
        Assert.Contains(1000.0, draws);
        Assert.InRange(draws.Count(x => x < 32) / 10_000.0, 0.45, 0.55);
    }

    [Fact]
    public void SameSeedReproducesTheSequenceAndAnotherSeedDoesNot()
    {
        var space = new FloatDistribution(1e-5, 1e-1, ParameterScale.Log);
        var a = Draw(new RandomSampler(seed: 42), space, 50);
        var b = Draw(new RandomSampler(seed: 42), space, 50);
        var c = Draw(new RandomSampler(seed: 43), space, 50);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void SeededRandomSearchGivesTrialNTheSameParametersWithAnyNumberOfWorkers()
    {
        Dictionary<int, (double, int, string)> Run(int workers)
        {
            using var storage = new InMemoryStorage();
            var study = Study.CreateOrLoad("s", storage, sampler: new RandomSampler(seed: 11));
            study.Optimize(t => t.SuggestFloat("lr", 1e-4, 1, log: true) * t.SuggestInt("n", 1, 100) +
                                (t.SuggestCategorical("c", ["a", "b", "c"]) == "a" ? 1 : 0), 24, workers);
            return study.Trials.ToDictionary(t => t.Number, t => ((double)t.Params["lr"]!, (int)t.Params["n"]!, (string)t.Params["c"]!));
        }

        var alone = Run(workers: 1);
        Assert.Equal(alone, Run(workers: 3));
        Assert.Equal(24, alone.Values.Select(p => p.Item1).Distinct().Count());
        Assert.True(alone.Values.Select(p => p.Item3).Distinct().Count() == 3, "every choice drawn in 24 trials");
    }

    [Fact]
    public void SeededStudiesSuggestTheSameParameters()
    {
        List<object?> Run()
        {
            using var storage = new InMemoryStorage();
            var study = Study.CreateOrLoad("s", storage, sampler: new TpeSampler(seed: 7, nStartupTrials: 3));
            study.Optimize(t => t.SuggestFloat("x", -5, 5) * t.SuggestInt("n", 1, 4) + (t.SuggestCategorical("c", ["a", "b"]) == "a" ? 1 : 0), 12);
            return study.Trials.SelectMany(t => t.Params.Values).ToList();
        }

        Assert.Equal(Run(), Run());
    }

    [Theory]
    [InlineData(2.0, 1.0, false)]
    [InlineData(0.0, 1.0, true)]
    [InlineData(-1.0, 1.0, true)]
    public void InvalidFloatRangesNameTheParameter(double low, double high, bool log)
    {
        var trial = NewTrial();
        var error = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("learning_rate", low, high, log));
        Assert.Equal("learning_rate", error.ParamName);
        Assert.Contains("learning_rate", error.Message);
    }

    [Theory]
    [InlineData(0.0, 0.99)]
    [InlineData(0.9, 1.0)]
    [InlineData(0.99, 0.9)]
    [InlineData(-0.5, 0.5)]
    public void InvalidReverseLogRangesNameTheParameter(double low, double high)
    {
        var error = Assert.Throws<ArgumentException>(() => NewTrial().SuggestReverseLog("beta1", low, high));
        Assert.Equal("beta1", error.ParamName);
    }

    [Fact]
    public void InvalidIntegerAndCategoricalRangesNameTheParameter()
    {
        var trial = NewTrial();
        Assert.Equal("layers", Assert.Throws<ArgumentException>(() => trial.SuggestInt("layers", 4, 3)).ParamName);
        Assert.Equal("hidden", Assert.Throws<ArgumentException>(() => trial.SuggestInt("hidden", 0, 64, log: true)).ParamName);
        Assert.Equal("act", Assert.Throws<ArgumentException>(() => trial.SuggestCategorical<string>("act", [])).ParamName);
        Assert.Equal("lr", Assert.Throws<ArgumentException>(() => new SearchSpace().AddFloat("lr", 0, 1, log: true)).ParamName);
    }

    [Fact]
    public void An_unknown_parameter_name_is_an_error_naming_it_and_the_parameters_there_are()
    {
        var space = new SearchSpace().AddFloat("lr", 1e-4, 1e-1, log: true).AddInt("units", 16, 256);
        var e = Assert.Throws<KeyNotFoundException>(() => space["beta"]);
        Assert.Contains("'beta'", e.Message);
        Assert.Contains("lr, units", e.Message);
    }

    [Fact]
    public void SuggestingANameTwiceReturnsTheFirstValue()
    {
        var trial = NewTrial();
        var lr = trial.SuggestFloat("lr", 1e-5, 1, log: true);
        Assert.Equal(lr, trial.SuggestFloat("lr", 1e-5, 1, log: true));
        var units = trial.SuggestCategorical("units", [32, 64, 128, 256]);
        for (var i = 0; i < 10; i++) Assert.Equal(units, trial.SuggestCategorical("units", [32, 64, 128, 256]));
    }

    [Fact]
    public void DistributionsRoundTripThroughJson()
    {
        Distribution[] distributions =
        [
            new FloatDistribution(1e-4, 1, ParameterScale.Log),
            new FloatDistribution(0.9, 0.999, ParameterScale.ReverseLog),
            new IntDistribution(16, 512, log: true),
            new CategoricalDistribution(["relu", 3, 2.5, true, null]),
        ];
        foreach (var d in distributions)
        {
            // Optuna has no reverse-log scale: the storage keeps it beside the JSON and hands it back.
            var back = DistributionJson.Deserialize(DistributionJson.Serialize(d), d is FloatDistribution { Scale: ParameterScale.ReverseLog } ? ParameterScale.ReverseLog : null);
            Assert.Equal(d.ToString(), back.ToString());
        }
        Assert.Equal("Float[0.9, 0.999] Linear", DistributionJson.Deserialize(DistributionJson.Serialize(distributions[1])).ToString());
        var categorical = (CategoricalDistribution)DistributionJson.Deserialize(DistributionJson.Serialize(distributions[3]));
        Assert.IsType<int>(categorical.Choices[1]);
        Assert.IsType<double>(categorical.Choices[2]);
    }

    private static Trial NewTrial()
    {
        var study = Study.CreateOrLoad("s", new InMemoryStorage());
        Trial? captured = null;
        study.Optimize(t =>
        {
            captured = t;
            return 0;
        }, 1);
        return captured!;
    }
}
