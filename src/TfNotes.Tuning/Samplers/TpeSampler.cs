using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Tree-structured Parzen Estimator with Optuna 3.1's TPESampler defaults (n_startup_trials 10, n_ei_candidates 24,
/// prior weight 1, magic clip, no endpoints, γ(n) = min(⌈0.1·n⌉, 25), flat weights for the newest 25 observations).
/// The startup trials are random, stratified per parameter (<c>stratifiedStartup</c>; Optuna draws them independently,
/// which leaves gaps by chance). After them it ranks the finished trials best first — complete ones by value, then pruned
/// ones by how far they got and their last value (NaN last), then pruned ones that reported nothing — takes the best
/// γ(n) as "below" and the rest as "above", fits a Parzen estimator l(x) to each in the parameters' search space
/// (log x for log parameters, log(1 − x) for reverse-log ones), draws <c>nEiCandidates</c> from l and keeps the one
/// with the largest l(x)/g(x). <c>multivariate</c>: the parameters every finished trial has are drawn jointly, at the
/// trial's first suggestion (Optuna's multivariate TPE); <c>constantLiar</c>: other workers' running trials count as
/// the worst observations, so parallel workers spread out (Optuna's constant_liar). The kernels weigh as in Optuna
/// 3.1 (see <see cref="ParzenEstimator"/>); <c>normalizedKernels</c>: as in Optuna ≥ 3.5.
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly Random _random;
    private readonly int _nStartupTrials;
    private readonly int _nEiCandidates;
    private readonly bool _multivariate;
    private readonly bool _constantLiar;
    private readonly Func<int, int> _gamma;
    private readonly TpeSettings _settings;
    private readonly bool _stratifiedStartup;
    private readonly Dictionary<string, int[]> _strata = new();

    /// <summary>Optuna 3.1's <c>TPESampler</c> with its defaults (see the class); <paramref name="stratifiedStartup"/>
    /// and <paramref name="normalizedKernels"/> are TfNotes' options.</summary>
    public TpeSampler(int? seed = null, int nStartupTrials = 10, int nEiCandidates = 24, bool multivariate = false,
        bool constantLiar = false, double priorWeight = 1.0, bool considerMagicClip = true, bool considerEndpoints = false,
        Func<int, int>? gamma = null, Func<int, IEnumerable<double>>? weights = null, bool normalizedKernels = false,
        bool stratifiedStartup = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nStartupTrials);
        ArgumentOutOfRangeException.ThrowIfLessThan(nEiCandidates, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(priorWeight);
        _random = seed is null ? new Random() : new Random(seed.Value);
        _nStartupTrials = nStartupTrials;
        _nEiCandidates = nEiCandidates;
        _multivariate = multivariate;
        _constantLiar = constantLiar;
        _gamma = gamma ?? Gamma;
        _settings = new TpeSettings(priorWeight, considerMagicClip, considerEndpoints, weights ?? ObservationWeights, normalizedKernels);
        _stratifiedStartup = stratifiedStartup;
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

    /// <inheritdoc/>
    public double Sample(SamplingContext context, string name, Distribution distribution)
    {
        lock (_random)
        {
            var (below, above, finished) = Split(context);
            if (finished < _nStartupTrials) return Startup(context.TrialNumber, name, distribution);
            if (_multivariate && Joint(context, below, above).TryGetValue(name, out var joint) && distribution.Contains(joint))
                return joint;
            Distribution[] space = [distribution];
            return Best(space, Observations(below, [name], space), Observations(above, [name], space))[0];
        }
    }

    /// <summary>
    /// A startup trial's random value. Stratified (a Latin hypercube over the startup trials): startup trial k of
    /// n draws each parameter uniformly inside its own 1/n-th of the search space, in a shuffled order per parameter,
    /// so the n random points cover every parameter's range evenly instead of clumping by chance.
    /// </summary>
    private double Startup(int trialNumber, string name, Distribution distribution)
    {
        if (!_stratifiedStartup || trialNumber < 0 || trialNumber >= _nStartupTrials) return RandomSampler.Draw(_random, distribution);
        if (!_strata.TryGetValue(name, out var order))
        {
            order = Enumerable.Range(0, _nStartupTrials).ToArray();
            _random.Shuffle(order);
            _strata[name] = order;
        }
        return RandomSampler.Draw((order[trialNumber] + _random.NextDouble()) / _nStartupTrials, distribution);
    }

    /// <summary>
    /// The ranked history split into the best γ(n) and the rest, each back in trial order (Optuna weights older ones
    /// less); n counts finished trials (running ones, under constant liar, rank last and do not count).
    /// </summary>
    internal (List<FrozenTrial> Below, List<FrozenTrial> Above, int Finished) Split(SamplingContext context)
    {
        var sign = context.Direction == StudyDirection.Minimize ? 1.0 : -1.0;
        var scored = new List<(FrozenTrial Trial, double Step, double Score)>();
        foreach (var t in context.Trials.OrderBy(t => t.Number))
        {
            switch (t.State)
            {
                case TrialState.Complete when t.Value is { } value:
                    scored.Add((t, double.NegativeInfinity, sign * value));
                    break;
                case TrialState.Pruned when t.LastStep is { } step:
                    var last = t.IntermediateValues[step];
                    scored.Add((t, -step, double.IsNaN(last) ? double.PositiveInfinity : sign * last));
                    break;
                case TrialState.Pruned:
                    scored.Add((t, 1, 0)); // reported nothing: worse than any pruned trial that did
                    break;
                case TrialState.Running when _constantLiar && t.Number != context.TrialNumber:
                    scored.Add((t, double.PositiveInfinity, double.PositiveInfinity));
                    break;
            }
        }
        var finished = scored.Count(s => !double.IsPositiveInfinity(s.Step));
        var ranked = scored.OrderBy(s => s.Step).ThenBy(s => s.Score).Select(s => s.Trial).ToList();
        var nBelow = Math.Min(_gamma(finished), ranked.Count);
        return (ranked.Take(nBelow).OrderBy(t => t.Number).ToList(), ranked.Skip(nBelow).OrderBy(t => t.Number).ToList(), finished);
    }

    /// <summary>The trial's jointly drawn values of every parameter all finished trials have, drawn once per trial.</summary>
    private IReadOnlyDictionary<string, double> Joint(SamplingContext context, List<FrozenTrial> below, List<FrozenTrial> above)
    {
        if (context.RelativeParams is { } cached) return cached;
        var space = IntersectionSearchSpace(context.FinishedTrials.ToList());
        var joint = new Dictionary<string, double>();
        if (space.Count > 0)
        {
            var names = space.Keys.ToArray();
            var distributions = names.Select(n => space[n]).ToArray();
            var point = Best(distributions, Observations(below, names, distributions), Observations(above, names, distributions));
            for (var i = 0; i < names.Length; i++) joint[names[i]] = point[i];
        }
        context.RelativeParams = joint;
        return joint;
    }

    /// <summary>Parameters with one and the same distribution in every trial (Optuna's IntersectionSearchSpace), single values left out.</summary>
    private static Dictionary<string, Distribution> IntersectionSearchSpace(List<FrozenTrial> trials)
    {
        var space = new Dictionary<string, Distribution>();
        if (trials.Count == 0) return space;
        foreach (var (name, distribution) in trials[0].Distributions)
        {
            if (distribution is NumericDistribution { Single: true } or CategoricalDistribution { Choices.Count: 1 }) continue;
            var json = DistributionJson.Serialize(distribution);
            if (trials.All(t => t.Distributions.TryGetValue(name, out var d) && d.IsSameKind(distribution) && DistributionJson.Serialize(d) == json))
                space[name] = distribution;
        }
        return space;
    }

    /// <summary>The internal values of the trials that have every one of <paramref name="names"/> inside its range.</summary>
    private static List<double[]> Observations(List<FrozenTrial> trials, string[] names, Distribution[] space)
    {
        var observations = new List<double[]>();
        foreach (var t in trials)
        {
            var point = new double[names.Length];
            var inside = true;
            for (var i = 0; i < names.Length && inside; i++)
                inside = t.InternalParams.TryGetValue(names[i], out point[i]) && space[i].Contains(point[i]);
            if (inside) observations.Add(point);
        }
        return observations;
    }

    /// <summary>Of <c>nEiCandidates</c> points drawn from l, the one with the largest log l(x) − log g(x).</summary>
    private double[] Best(Distribution[] space, List<double[]> below, List<double[]> above)
    {
        var good = new ParzenEstimator(space, below, _settings, _multivariate);
        var bad = new ParzenEstimator(space, above, _settings, _multivariate);
        double[] best = [];
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _nEiCandidates; i++)
        {
            var x = good.Sample(_random);
            var score = good.LogDensity(x) - bad.LogDensity(x);
            if (best.Length == 0 || score > bestScore)
            {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }
}
