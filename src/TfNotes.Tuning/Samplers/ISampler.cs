using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>Chooses parameter values. Implementations must be thread-safe: workers share one sampler.</summary>
public interface ISampler
{
    /// <summary>The internal value (number, or categorical index) for parameter <paramref name="name"/>.</summary>
    double Sample(SamplingContext context, string name, Distribution distribution);

    /// <summary>The phase a new trial belongs to; only phased samplers (coarse to fine) use more than one.</summary>
    int PhaseOf(SamplingContext context) => 0;

    /// <summary>Whether the sampler has nothing new to propose, so the study stops (a grid whose points were all tried).</summary>
    bool IsExhausted(SamplingContext context) => false;
}
