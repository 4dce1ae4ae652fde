namespace TfNotes.Tuning.Distributions;

/// <summary>
/// The range a parameter is drawn from. Samplers and storages work on the parameter's internal value
/// (a double: the value itself for numbers, the choice index for categoricals) so that every sampler
/// can treat every parameter alike.
/// </summary>
public abstract class Distribution
{
    /// <summary>The user-facing value (double, int or the chosen object) for an internal value.</summary>
    public abstract object? ToExternal(double internalValue);

    /// <summary>Whether an internal value lies inside this distribution.</summary>
    public abstract bool Contains(double internalValue);

    /// <summary>
    /// Whether one parameter name may have this distribution in one trial and <paramref name="other"/> in another:
    /// the same type and log flag, and for categoricals the same choices (Optuna's check_distribution_compatibility).
    /// </summary>
    public abstract bool IsSameKind(Distribution other);
}
