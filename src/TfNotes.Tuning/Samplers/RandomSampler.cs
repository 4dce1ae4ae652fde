using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Independent uniform draws on each parameter's own scale (the notes' advice: random, not a grid).
/// With a seed, a trial's values depend only on the seed, the trial's number and the parameter's name: trial n gets
/// the same parameters however many workers share the study and whichever of them runs it, so a study is
/// reproducible and runs with 1 or K workers try the same trials. Draws outside a trial (no trial number) come from
/// one stream seeded the same way.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly int? _seed;
    private readonly Random _random;

    /// <summary>Optuna's <c>RandomSampler(seed)</c>; without a seed the draws differ on every run.</summary>
    public RandomSampler(int? seed = null)
    {
        _seed = seed;
        _random = seed is null ? new Random() : new Random(seed.Value);
    }

    /// <inheritdoc/>
    public double Sample(SamplingContext context, string name, Distribution distribution)
    {
        if (_seed is { } seed && context.TrialNumber >= 0)
            return Draw(UniformOf(seed, context.TrialNumber, name), distribution);
        lock (_random) return Draw(_random, distribution);
    }

    /// <summary>One uniform draw in the distribution's search space (shared with other samplers).</summary>
    internal static double Draw(Random random, Distribution distribution) => Draw(random.NextDouble(), distribution);

    /// <summary>The point at <paramref name="u"/> ∈ [0, 1) of the distribution's search space.</summary>
    internal static double Draw(double u, Distribution distribution) => distribution switch
    {
        NumericDistribution n => n.FromSearchScale(n.SearchLow + u * (n.SearchHigh - n.SearchLow)),
        CategoricalDistribution c => Math.Min((int)(u * c.Choices.Count), c.Choices.Count - 1),
        _ => throw new NotSupportedException($"cannot sample {distribution.GetType().Name}"),
    };

    /// <summary>A uniform number in [0, 1) that is a fixed function of its arguments (SplitMix64 steps over them).</summary>
    private static double UniformOf(int seed, int trialNumber, string name)
    {
        ulong state = Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)trialNumber) ^ StableHash(name));
        return (state >> 11) * (1.0 / (1UL << 53));
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked(z + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a of the name: the same in every process (string.GetHashCode is not).</summary>
    private static ulong StableHash(string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var c in name) hash = unchecked((hash ^ c) * 1099511628211UL);
        return hash;
    }
}
