namespace TfNotes.Tuning.Distributions;

/// <summary>One of a list of choices; the internal value is the choice's index.</summary>
public sealed class CategoricalDistribution : Distribution
{
    /// <summary>Optuna's <c>CategoricalDistribution(choices)</c>; at least one choice.</summary>
    public CategoricalDistribution(IEnumerable<object?> choices)
    {
        Choices = choices.ToArray();
        if (Choices.Count == 0)
            throw new ArgumentException("choices must not be empty");
    }

    /// <summary>The choices, in order; the internal value of a choice is its index.</summary>
    public IReadOnlyList<object?> Choices { get; }

    /// <inheritdoc/>
    public override object? ToExternal(double internalValue) => Choices[(int)internalValue];

    /// <inheritdoc/>
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < Choices.Count && internalValue == Math.Floor(internalValue);

    /// <summary>The index of <paramref name="choice"/> among <see cref="Choices"/> (by <see cref="object.Equals(object,
    /// object)"/>), or −1.</summary>
    public int IndexOf(object? choice)
    {
        for (var i = 0; i < Choices.Count; i++)
            if (Equals(Choices[i], choice)) return i;
        return -1;
    }

    /// <inheritdoc/>
    public override bool IsSameKind(Distribution other) =>
        other is CategoricalDistribution c && DistributionJson.Serialize(c) == DistributionJson.Serialize(this);

    /// <summary><c>Categorical[a, b, c]</c>.</summary>
    public override string ToString() => $"Categorical[{string.Join(", ", Choices)}]";
}
