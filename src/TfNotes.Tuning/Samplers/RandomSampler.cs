using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Independent uniform draws on each parameter's own scale (the notes' advice: random, not a grid).
/// With a seed and one worker the sequence of values is reproducible.
/// </summary>
public sealed class RandomSampler : ISampler
{
    private readonly Random _random;

    public RandomSampler(int? seed = null)
    {
        _random = seed is null ? new Random() : new Random(seed.Value);
    }

    public double Sample(SamplingContext context, string name, Distribution distribution)
    {
        lock (_random) return Draw(_random, distribution);
    }

    /// <summary>One uniform draw in the distribution's search space (shared with other samplers).</summary>
    internal static double Draw(Random random, Distribution distribution) => distribution switch
    {
        NumericDistribution n => n.FromSearchScale(n.SearchLow + random.NextDouble() * (n.SearchHigh - n.SearchLow)),
        CategoricalDistribution c => random.Next(c.Choices.Count),
        _ => throw new NotSupportedException($"cannot sample {distribution.GetType().Name}"),
    };
}
