using TfNotes.Tuning.Distributions;
using TfNotes.Tuning.Pruners;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;
using static TfNotes.Tuning.Tests.TrialFactory;

namespace TfNotes.Tuning.Tests;

/// <summary>Behaviours Optuna's and KerasTuner's own tests pin down (issue 17 §3, issue 15.15).</summary>
public class PeerSemanticsTests
{
    [Fact]
    public void A_grid_stops_the_study_once_every_point_was_tried()
    {
        var space = new SearchSpace().AddCategorical("a", [1, 2]).AddCategorical("b", ["x", "y"]);
        var study = Study.CreateOrLoad("grid", new InMemoryStorage(), sampler: GridSampler.FromSearchSpace(space, 2));

        study.Optimize(t => (int)t.SuggestAll(space)["a"]!, nTrials: 10, workers: 2);

        Assert.Equal(4, study.Trials.Count); // Optuna: study.stop() after the last point, not 10 trials wrapping around
        Assert.Equal(4, study.Trials.Select(t => (t.Params["a"], t.Params["b"])).Distinct().Count());
    }

    [Fact]
    public void A_parameter_the_grid_does_not_list_fails_the_trial_as_in_Optuna()
    {
        var grid = new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [0.0, 1.0] });
        var study = Study.CreateOrLoad("grid", new InMemoryStorage(), sampler: grid);

        study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestFloat("y", 0, 1), nTrials: 2);

        Assert.Equal(2, study.Trials.Count);
        Assert.All(study.Trials, t =>
        {
            Assert.Equal(TrialState.Fail, t.State);   // Optuna's ValueError, recorded as the failure (was a random y)
            Assert.Equal("ArgumentException: The parameter name, y, is not found in the given grid. (Parameter 'name')", t.FailureReason);
        });
    }

    [Theory]
    [InlineData(243, 3, 5)]  // Optuna: floor(log(243)/log(3)) = floor(4.999…) = 4, + 1
    [InlineData(1000, 10, 3)] // floor(2.999…) + 1
    [InlineData(81, 3, 5)]
    public void Hyperband_has_as_many_brackets_as_Optuna(int maxResource, int reductionFactor, int brackets)
    {
        var pruner = new HyperbandPruner(minResource: 1, maxResource: maxResource, reductionFactor: reductionFactor);
        var trial = Make(0, TrialState.Running, intermediate: Steps(1));
        pruner.Prune(new PruningContext("hb", StudyDirection.Minimize, [trial], (_, _) => { }), trial);
        Assert.Equal(brackets, pruner.BracketCount);
    }

    [Fact]
    public void Bootstrapping_with_an_auto_resource_is_refused_as_in_Optuna()
    {
        var sha = Assert.Throws<ArgumentException>(() => new SuccessiveHalvingPruner(minResource: null, bootstrapCount: 1));
        Assert.Contains("bootstrap_count > 0 and min_resource == 'auto' are mutually incompatible, bootstrap_count is 1", sha.Message);
        var hyperband = Assert.Throws<ArgumentException>(() => new HyperbandPruner(maxResource: null, bootstrapCount: 2));
        Assert.Contains("bootstrap_count > 0 and max_resource == 'auto' are mutually incompatible, bootstrap_count is 2", hyperband.Message);
        _ = new SuccessiveHalvingPruner(minResource: 1, bootstrapCount: 1);
        _ = new HyperbandPruner(maxResource: 9, bootstrapCount: 2);
    }

    [Fact]
    public void Tpe_ranks_pruned_trials_by_depth_then_value_NaN_last_and_those_that_reported_nothing_worst()
    {
        var x = new FloatDistribution(0, 1);
        FrozenTrial T(int number, TrialState state, double? value = null, params double[] steps) =>
            Make(number, state, value, steps.Length == 0 ? null : Steps(steps), parameters: new Dictionary<string, (double, Distribution)> { ["x"] = (number / 10.0, x) });
        FrozenTrial[] trials =
        [
            T(0, TrialState.Pruned),                 // reported nothing: worst
            T(1, TrialState.Complete, 3),
            T(2, TrialState.Pruned, null, 9, 0.5),   // reached step 1
            T(3, TrialState.Complete, 1),
            T(4, TrialState.Pruned, null, 0.1),      // only step 0
            T(5, TrialState.Pruned, null, 9, double.NaN), // step 1, NaN: after the other step-1 trial
            T(6, TrialState.Complete, 2),
        ];
        int[] BelowWith(int nBelow)
        {
            var sampler = new TpeSampler(gamma: _ => nBelow);
            return sampler.Split(new SamplingContext(StudyDirection.Minimize, trials)).Below.Select(t => t.Number).ToArray();
        }

        Assert.Equal([1, 3, 6], BelowWith(3));
        Assert.Equal([1, 2, 3, 6], BelowWith(4));
        Assert.Equal([1, 2, 3, 5, 6], BelowWith(5));
        Assert.Equal([1, 2, 3, 4, 5, 6], BelowWith(6));
        var all = new TpeSampler().Split(new SamplingContext(StudyDirection.Minimize, trials));
        Assert.Equal(7, all.Finished);
        Assert.Contains(all.Above, t => t.Number == 0); // kept, as the worst observation, not dropped
    }

    [Fact]
    public void A_single_value_range_is_valid_and_given_without_the_sampler()
    {
        var study = Study.CreateOrLoad("single", new InMemoryStorage(), sampler: new ThrowingSampler());
        study.Optimize(t =>
        {
            Assert.Equal(2.5, t.SuggestFloat("x", 2.5, 2.5));
            Assert.Equal(3, t.SuggestInt("n", 3, 3));
            Assert.Equal(0.99, t.SuggestReverseLog("beta", 0.99, 0.99));
            Assert.Equal("only", t.SuggestCategorical("c", ["only"]));
            return 0;
        }, 1);
        Assert.Equal(TrialState.Complete, study.Trials.Single().State);
    }

    [Fact]
    public void Stepped_ranges_give_only_their_values_ends_as_often_as_the_inner_ones()
    {
        var study = Study.CreateOrLoad("step", new InMemoryStorage(), sampler: new RandomSampler(5));
        study.Optimize(t => t.SuggestFloat("x", 0, 1, step: 0.25) + t.SuggestInt("n", 1, 9, step: 2), 1000);

        var xs = study.Trials.GroupBy(t => (double)t.Params["x"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], xs.Keys.Order());
        Assert.All(xs.Values, count => Assert.InRange(count, 150, 250)); // 200 each
        var ns = study.Trials.GroupBy(t => (int)t.Params["n"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([1, 3, 5, 7, 9], ns.Keys.Order());
        Assert.All(ns.Values, count => Assert.InRange(count, 150, 250));

        var tpe = Study.CreateOrLoad("step-tpe", new InMemoryStorage(), sampler: new TpeSampler(seed: 1));
        tpe.Optimize(t => Math.Abs(t.SuggestFloat("x", 0, 1, step: 0.25) - 0.75) + t.SuggestInt("n", 1, 9, step: 2), 40);
        Assert.All(tpe.Trials, t => Assert.Contains((double)t.Params["x"]!, new[] { 0, 0.25, 0.5, 0.75, 1 }));
        Assert.All(tpe.Trials, t => Assert.Equal(1, (int)t.Params["n"]! % 2));
    }

    [Fact]
    public void Bad_steps_are_refused_naming_the_parameter()
    {
        var trial = NewTrial();
        var log = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("lr", 1e-4, 1, log: true, step: 0.1));
        Assert.Equal("lr", log.ParamName);
        Assert.Contains("step is not supported", log.Message);
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("units", 16, 512, log: true, step: 16));
        var misaligned = Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 1.05, step: 0.1));
        Assert.Contains("use high = 1", misaligned.Message);
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("n", 0, 10, step: 0));
    }

    [Fact]
    public void One_name_suggested_as_another_kind_is_a_clear_error_naming_it_within_a_trial_and_across_trials()
    {
        using var file = new TempSqliteFile();
        using var storage = file.Open();
        foreach (var store in new IStorage[] { new InMemoryStorage(), storage })
        {
            var within = Study.CreateOrLoad("kind", store);
            within.Optimize(t =>
            {
                t.SuggestFloat("units", 1, 10);
                var error = Assert.Throws<ArgumentException>(() => t.SuggestInt("units", 1, 10)); // was InvalidCastException
                Assert.Equal("units", error.ParamName);
                Assert.Contains("Cannot set different distribution kind to the same parameter name", error.Message);
                return 0;
            }, 1);

            // Trial 0 of the study has "units" as a float: an int now fails the trial with the reason.
            within.MaxConsecutiveFailures = 1;
            Assert.Throws<InvalidOperationException>(() => within.Optimize(t => t.SuggestInt("units", 1, 10), 2));
            var failed = within.Trials.Last();
            Assert.Equal(TrialState.Fail, failed.State);
            Assert.Contains("parameter 'units' is suggested as Int[1, 10] Linear but trial 0 has it as Float[1, 10] Linear", failed.FailureReason);

            var choices = Study.CreateOrLoad("choices", store);
            choices.Optimize(t => t.SuggestCategorical("act", ["relu", "tanh"]).Length, 1);
            choices.MaxConsecutiveFailures = 1;
            Assert.Throws<InvalidOperationException>(() => choices.Optimize(t => t.SuggestCategorical("act", ["relu", "gelu"]).Length, 2));
            Assert.Contains("parameter 'act'", choices.Trials.Last().FailureReason);

            // A reverse-log β is a plain float to Optuna: it may follow a linear one (a study Optuna started).
            var beta = Study.CreateOrLoad("beta", store);
            beta.Optimize(t => t.SuggestFloat("beta", 0.9, 0.999), 1);
            beta.Optimize(t => t.SuggestReverseLog("beta", 0.9, 0.999), 2);
            Assert.All(beta.Trials, t => Assert.Equal(TrialState.Complete, t.State));
        }
    }

    [Fact]
    public void A_cancelled_run_fails_its_running_trial_as_interrupted()
    {
        using var cancel = new CancellationTokenSource();
        var study = Study.CreateOrLoad("interrupt", new InMemoryStorage());
        study.Optimize(t =>
        {
            if (t.Number == 1)
            {
                cancel.Cancel();
                cancel.Token.ThrowIfCancellationRequested();
            }
            return 0;
        }, 5, cancellationToken: cancel.Token);

        Assert.Equal([TrialState.Complete, TrialState.Fail], study.Trials.Select(t => t.State));
        Assert.Equal(Study.Interrupted, study.Trials[1].FailureReason);
    }

    private static Trial NewTrial()
    {
        Trial? captured = null;
        Study.CreateOrLoad("s", new InMemoryStorage()).Optimize(t =>
        {
            captured = t;
            return 0;
        }, 1);
        return captured!;
    }

    private sealed class ThrowingSampler : ISampler
    {
        public double Sample(SamplingContext context, string name, Distribution distribution) =>
            throw new InvalidOperationException($"the sampler was asked for {name}");
    }
}
