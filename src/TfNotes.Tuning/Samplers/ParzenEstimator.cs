using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Optuna's Parzen estimator (3.1, <c>_ParzenEstimator</c>) over one parameter or, multivariate, several at once: one
/// kernel per observation plus a prior kernel (mean the middle of the range, σ its width, weight
/// <c>priorWeight</c>), weights from <see cref="TpeSampler.ObservationWeights"/>. A numeric kernel is a Gaussian in
/// the parameter's search space truncated to the range; a stepped range scores the probability mass of the step
/// around a value; a categorical kernel puts 1 + prior/(n+1) on its choice and prior/(n+1) on each (normalized).
/// Bandwidths: univariate, the larger gap to the sorted neighbours (the range ends count; without
/// <c>considerEndpoints</c> the outermost kernels use their inner gap); multivariate, Scott's rule
/// 0.2·n^(−1/(d+4)) of the width. Both are clipped to [width / min(100, 1 + kernels), width] ("magic clip").
/// A continuous kernel's density is taken, as Optuna 3.1 takes it (through 3.4), without its 1/σ: each kernel counts
/// with its weight times its bandwidth, so wide kernels (the prior, sparse regions) weigh more in l(x) and g(x).
/// Optuna 3.5 normalized the kernels (optuna#5109); <c>NormalizedKernels</c> does that. TfNotes' densities equal
/// Optuna 3.1's on the same observations (to the 1e-7 of the erfc used here).
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly Distribution[] _space;
    private readonly double[] _weights;
    private readonly double[][] _mus;    // [dimension][kernel], search space (numeric dimensions only)
    private readonly double[][] _sigmas;
    private readonly double[][][] _probabilities; // [dimension][kernel][choice] (categorical dimensions only)
    private readonly bool _normalizedKernels;

    /// <param name="space">The parameters, one dimension each.</param>
    /// <param name="observations">Internal values, one array per observation (chronological), one entry per dimension.</param>
    /// <param name="settings">The sampler's settings (prior weight, magic clip, endpoints, weights, kernel normalization).</param>
    /// <param name="multivariate">One kernel over all dimensions per observation (Optuna's multivariate TPE) rather than one per dimension.</param>
    public ParzenEstimator(IReadOnlyList<Distribution> space, IReadOnlyList<double[]> observations, TpeSettings settings, bool multivariate)
    {
        _space = space.ToArray();
        _normalizedKernels = settings.NormalizedKernels;
        var n = observations.Count;
        var weights = settings.Weights(n).Take(n).Append(settings.PriorWeight).ToArray();
        var total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
        _mus = new double[_space.Length][];
        _sigmas = new double[_space.Length][];
        _probabilities = new double[_space.Length][][];
        var sigma0 = 0.2 * Math.Pow(Math.Max(n, 1), -1.0 / (_space.Length + 4));
        for (var d = 0; d < _space.Length; d++)
        {
            var column = observations.Select(o => o[d]).ToArray();
            switch (_space[d])
            {
                case NumericDistribution numeric:
                    (_mus[d], _sigmas[d]) = NumericKernels(numeric, column, settings, multivariate ? sigma0 : null);
                    break;
                case CategoricalDistribution categorical:
                    _probabilities[d] = CategoricalKernels(categorical.Choices.Count, column, settings.PriorWeight);
                    break;
                default:
                    throw new NotSupportedException($"cannot estimate {_space[d].GetType().Name}");
            }
        }
    }

    /// <summary>A point drawn from the mixture: internal values (numbers rounded to their step, choice indices).</summary>
    public double[] Sample(Random random)
    {
        var k = PickComponent(random, _weights);
        var point = new double[_space.Length];
        for (var d = 0; d < _space.Length; d++)
        {
            if (_space[d] is NumericDistribution numeric)
            {
                double x;
                do x = _mus[d][k] + _sigmas[d][k] * Gaussian(random);
                while (x < numeric.SearchLow || x > numeric.SearchHigh);
                point[d] = numeric.FromSearchScale(x);
            }
            else point[d] = PickComponent(random, _probabilities[d][k]);
        }
        return point;
    }

    /// <summary>log of the mixture's density (stepped and categorical dimensions: probability) at a point of internal values.</summary>
    public double LogDensity(double[] point)
    {
        var terms = new double[_weights.Length];
        for (var k = 0; k < _weights.Length; k++)
        {
            var sum = Math.Log(_weights[k]);
            for (var d = 0; d < _space.Length; d++)
                sum += _space[d] is NumericDistribution numeric
                    ? NumericLogDensity(numeric, point[d], _mus[d][k], _sigmas[d][k], _normalizedKernels)
                    : Math.Log(_probabilities[d][k][(int)point[d]]);
            terms[k] = sum;
        }
        return LogSumExp(terms);
    }

    private static (double[] Mus, double[] Sigmas) NumericKernels(NumericDistribution distribution, double[] values, TpeSettings settings, double? sigma0)
    {
        double low = distribution.SearchLow, high = distribution.SearchHigh, width = high - low;
        var n = values.Length;
        var mus = values.Select(distribution.ToSearchScale).Append(0.5 * (low + high)).ToArray();
        var sigmas = new double[mus.Length];
        if (sigma0 is { } s0)
            Array.Fill(sigmas, s0 * width);
        else
        {
            var order = Enumerable.Range(0, mus.Length).OrderBy(i => mus[i]).ToArray();
            var sorted = new double[mus.Length + 2];
            sorted[0] = low;
            sorted[^1] = high;
            for (var i = 0; i < order.Length; i++) sorted[i + 1] = mus[order[i]];
            var sortedSigmas = new double[mus.Length];
            for (var i = 0; i < mus.Length; i++)
                sortedSigmas[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
            if (!settings.ConsiderEndpoints && sorted.Length >= 4)
            {
                sortedSigmas[0] = sorted[2] - sorted[1];
                sortedSigmas[^1] = sorted[^2] - sorted[^3];
            }
            for (var i = 0; i < order.Length; i++) sigmas[order[i]] = sortedSigmas[i];
        }
        var minSigma = settings.ConsiderMagicClip ? width / Math.Min(100.0, 1.0 + mus.Length) : 1e-12;
        for (var i = 0; i < sigmas.Length; i++) sigmas[i] = Math.Clamp(sigmas[i], minSigma, width);
        sigmas[n] = width; // the prior kernel
        return (mus, sigmas);
    }

    private static double[][] CategoricalKernels(int choices, double[] values, double priorWeight)
    {
        var n = values.Length;
        var rows = new double[n + 1][];
        for (var k = 0; k <= n; k++)
        {
            var row = Enumerable.Repeat(priorWeight / (n + 1), choices).ToArray();
            if (k < n) row[(int)values[k]] += 1;
            var sum = row.Sum();
            rows[k] = row.Select(p => p / sum).ToArray();
        }
        return rows;
    }

    /// <summary>
    /// One truncated Gaussian kernel at the value's point of the search space: its density (times σ unless normalized,
    /// see the class), or for a linear stepped range the mass of the step around the value (Optuna's discrete case).
    /// </summary>
    private static double NumericLogDensity(NumericDistribution distribution, double internalValue, double mu, double sigma, bool normalized)
    {
        double low = distribution.SearchLow, high = distribution.SearchHigh;
        var logAccept = LogGaussMass((low - mu) / sigma, (high - mu) / sigma);
        var x = distribution.ToSearchScale(internalValue);
        if (distribution is { Step: { } q, Scale: ParameterScale.Linear })
            return LogGaussMass((Math.Max(x - q / 2, low) - mu) / sigma, (Math.Min(x + q / 2, high) - mu) / sigma) - logAccept;
        var z = (x - mu) / sigma;
        return -0.5 * z * z - Math.Log(Math.Sqrt(2 * Math.PI)) - (normalized ? Math.Log(sigma) : 0) - logAccept;
    }

    /// <summary>log(Φ(b) − Φ(a)) for a ≤ b, accurate in the tails (where the difference underflows as a plain subtraction).</summary>
    internal static double LogGaussMass(double a, double b)
    {
        if (a > 0) return LogGaussMass(-b, -a); // symmetric: keep the interval on the left side, where Φ is small
        if (b <= 0)
        {
            // Φ(z) = erfc(−z/√2)/2; log Φ(b) + log(1 − Φ(a)/Φ(b)).
            var logB = LogErfc(-b / Math.Sqrt(2)) - Math.Log(2);
            var logA = LogErfc(-a / Math.Sqrt(2)) - Math.Log(2);
            return logB + Math.Log(-double.ExpM1(logA - logB));
        }
        // a ≤ 0 < b: the mass is at least Φ(b) − Φ(0) or Φ(0) − Φ(a), no underflow.
        return Math.Log(0.5 * (Erfc(-b / Math.Sqrt(2)) - Erfc(-a / Math.Sqrt(2))));
    }

    internal static int PickComponent(Random random, IReadOnlyList<double> weights)
    {
        var u = random.NextDouble();
        for (var i = 0; i < weights.Count - 1; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Count - 1;
    }

    internal static double LogSumExp(IReadOnlyList<double> terms)
    {
        var max = terms.Max();
        if (double.IsNegativeInfinity(max)) return max;
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // Numerical Recipes' erfc (Chebyshev fit, relative error below 1.2e-7 everywhere, tails too): .NET has no erf.
    private static double Erfc(double x) => x >= 0 ? Math.Exp(LogErfc(x)) : 2.0 - Math.Exp(LogErfc(-x));

    private static double LogErfc(double x)
    {
        if (x < 0) return Math.Log(2.0 - Math.Exp(LogErfc(-x)));
        var t = 1.0 / (1.0 + 0.5 * x);
        return Math.Log(t) - x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    }
}
