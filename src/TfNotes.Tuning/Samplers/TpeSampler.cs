using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Tree-structured Parzen Estimator, as Optuna's default (independent per parameter). After
/// <c>nStartupTrials</c> random trials it splits the finished trials into the best γ(n) = min(⌈0.1·n⌉, 25)
/// ("below") and the rest ("above"), fits a Parzen estimator l(x) to the first and g(x) to the second in the
/// parameter's search space (log x for log parameters, log(1 − x) for reverse-log ones), draws
/// <c>nEiCandidates</c> from l and keeps the one with the largest l(x)/g(x).
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly Random _random;
    private readonly int _nStartupTrials;
    private readonly int _nEiCandidates;

    public TpeSampler(int? seed = null, int nStartupTrials = 10, int nEiCandidates = 24)
    {
        _random = seed is null ? new Random() : new Random(seed.Value);
        _nStartupTrials = nStartupTrials;
        _nEiCandidates = nEiCandidates;
    }

    /// <summary>Optuna's default γ: how many of n trials count as good.</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>Optuna's default weights: flat for the newest 25 observations, ramping up from 1/n for older ones.</summary>
    public static IEnumerable<double> ObservationWeights(int n)
    {
        if (n < 25) return Enumerable.Repeat(1.0, n);
        var ramp = n - 25 == 1 ? [1.0 / n] : Enumerable.Range(0, n - 25).Select(i => 1.0 / n + (1 - 1.0 / n) * i / (n - 26));
        return ramp.Concat(Enumerable.Repeat(1.0, 25));
    }

    public double Sample(SamplingContext context, string name, Distribution distribution)
    {
        var history = context.FinishedTrials
            .Where(t => t.InternalParams.TryGetValue(name, out var v) && distribution.Contains(v))
            .ToList();
        lock (_random)
        {
            if (context.FinishedTrials.Count() < _nStartupTrials || history.Count == 0)
                return RandomSampler.Draw(_random, distribution);
            var ranked = RankBestFirst(history, context.Direction);
            var nBelow = Gamma(ranked.Count);
            // Observations in trial order, as Optuna weights older ones less.
            var below = ranked.Take(nBelow).OrderBy(t => t.Number).Select(t => t.InternalParams[name]).ToList();
            var above = ranked.Skip(nBelow).OrderBy(t => t.Number).Select(t => t.InternalParams[name]).ToList();
            return distribution switch
            {
                NumericDistribution n => SampleNumeric(n, below, above),
                CategoricalDistribution c => SampleCategorical(c.Choices.Count, below, above),
                _ => throw new NotSupportedException($"cannot sample {distribution.GetType().Name}"),
            };
        }
    }

    /// <summary>Complete trials by value, then pruned ones by how far they got (deeper and better first).</summary>
    private static List<FrozenTrial> RankBestFirst(List<FrozenTrial> trials, StudyDirection direction)
    {
        var sign = direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var complete = trials.Where(t => t.State == TrialState.Complete && t.Value is not null)
            .OrderBy(t => sign * t.Value!.Value);
        var pruned = trials.Where(t => t.State == TrialState.Pruned && t.LastStep is not null)
            .OrderByDescending(t => t.LastStep)
            .ThenBy(t => sign * t.IntermediateValues[t.LastStep!.Value]);
        return complete.Concat(pruned).ToList();
    }

    private double SampleNumeric(NumericDistribution distribution, List<double> below, List<double> above)
    {
        var low = distribution.SearchLow;
        var high = distribution.SearchHigh;
        var good = new ParzenEstimator(below.Select(distribution.ToSearchScale).ToList(), low, high);
        var bad = new ParzenEstimator(above.Select(distribution.ToSearchScale).ToList(), low, high);
        var best = double.NaN;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _nEiCandidates; i++)
        {
            var x = good.Sample(_random);
            var score = good.LogDensity(x) - bad.LogDensity(x);
            if (score > bestScore)
            {
                bestScore = score;
                best = x;
            }
        }
        return distribution.FromSearchScale(best);
    }

    private int SampleCategorical(int nChoices, List<double> below, List<double> above)
    {
        var good = CategoricalMixture(nChoices, below);
        var bad = CategoricalMixture(nChoices, above);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _nEiCandidates; i++)
        {
            var x = ParzenEstimator.PickComponent(_random, good);
            var score = Math.Log(good[x]) - Math.Log(bad[x]);
            if (score > bestScore)
            {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    /// <summary>
    /// Optuna's categorical estimator collapsed to one distribution: each observation is a kernel putting
    /// weight 1 + prior/k on its choice and prior/k on the others; the prior kernel is uniform.
    /// </summary>
    private static double[] CategoricalMixture(int nChoices, List<double> observations)
    {
        var nKernels = observations.Count + 1;
        var kernelWeights = ObservationWeights(observations.Count).Append(1.0).ToArray();
        var totalWeight = kernelWeights.Sum();
        var probabilities = new double[nChoices];
        for (var k = 0; k < nKernels; k++)
        {
            var row = Enumerable.Repeat(1.0 / nKernels, nChoices).ToArray();
            if (k < observations.Count) row[(int)observations[k]] += 1;
            var rowSum = row.Sum();
            for (var c = 0; c < nChoices; c++) probabilities[c] += kernelWeights[k] / totalWeight * row[c] / rowSum;
        }
        return probabilities;
    }
}
