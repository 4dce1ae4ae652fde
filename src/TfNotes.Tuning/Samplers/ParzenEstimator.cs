namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Optuna's univariate Parzen estimator over a search-space interval: one truncated Gaussian per observation
/// plus a wide prior kernel; bandwidths from the distance to the neighbours, clipped ("magic clip").
/// </summary>
internal sealed class ParzenEstimator
{
    private const double PriorWeight = 1.0;
    private readonly double[] _mus;
    private readonly double[] _sigmas;
    private readonly double[] _weights;
    private readonly double _low;
    private readonly double _high;

    public ParzenEstimator(IReadOnlyList<double> observations, double low, double high)
    {
        _low = low;
        _high = high;
        var n = observations.Count;
        var width = high - low;
        var mus = observations.Append(0.5 * (low + high)).ToArray();

        // Bandwidth of each kernel: the larger gap to its sorted neighbours (ends count as neighbours),
        // except the outermost kernels, which use their inner gap (Optuna's consider_endpoints = false).
        var order = Enumerable.Range(0, mus.Length).OrderBy(i => mus[i]).ToArray();
        var sorted = new double[mus.Length + 2];
        sorted[0] = low;
        sorted[^1] = high;
        for (var i = 0; i < order.Length; i++) sorted[i + 1] = mus[order[i]];
        var sortedSigmas = new double[mus.Length];
        for (var i = 0; i < mus.Length; i++)
            sortedSigmas[i] = Math.Max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
        if (sorted.Length >= 4)
        {
            sortedSigmas[0] = sorted[2] - sorted[1];
            sortedSigmas[^1] = sorted[^2] - sorted[^3];
        }
        var sigmas = new double[mus.Length];
        for (var i = 0; i < order.Length; i++) sigmas[order[i]] = sortedSigmas[i];
        sigmas[n] = width; // the prior kernel

        var minSigma = width / Math.Min(100.0, 1.0 + mus.Length);
        for (var i = 0; i < sigmas.Length; i++) sigmas[i] = Math.Clamp(sigmas[i], minSigma, width);

        var weights = TpeSampler.ObservationWeights(n).Append(PriorWeight).ToArray();
        var total = weights.Sum();
        _weights = weights.Select(w => w / total).ToArray();
        _mus = mus;
        _sigmas = sigmas;
    }

    public double Sample(Random random)
    {
        var k = PickComponent(random, _weights);
        while (true)
        {
            var x = _mus[k] + _sigmas[k] * Gaussian(random);
            if (x >= _low && x <= _high) return x;
        }
    }

    public double LogDensity(double x)
    {
        var terms = new double[_mus.Length];
        for (var k = 0; k < _mus.Length; k++)
        {
            var z = (x - _mus[k]) / _sigmas[k];
            var mass = NormalCdf((_high - _mus[k]) / _sigmas[k]) - NormalCdf((_low - _mus[k]) / _sigmas[k]);
            terms[k] = Math.Log(_weights[k]) - 0.5 * z * z - Math.Log(_sigmas[k] * Math.Sqrt(2 * Math.PI) * Math.Max(mass, 1e-12));
        }
        return LogSumExp(terms);
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
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // Numerical Recipes' erfc (Chebyshev fit, relative error below 1.2e-7): .NET has no erf.
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1.0 / (1.0 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2.0 - r;
    }
}
