namespace TfNotes.Tuning.Distributions;

/// <summary>One of a list of choices; the internal value is the choice's index.</summary>
public sealed class CategoricalDistribution : Distribution
{
    public CategoricalDistribution(IEnumerable<object?> choices)
    {
        Choices = choices.ToArray();
        if (Choices.Count == 0)
            throw new ArgumentException("choices must not be empty");
    }

    public IReadOnlyList<object?> Choices { get; }

    public override object? ToExternal(double internalValue) => Choices[(int)internalValue];

    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < Choices.Count && internalValue == Math.Floor(internalValue);

    public int IndexOf(object? choice)
    {
        for (var i = 0; i < Choices.Count; i++)
            if (Equals(Choices[i], choice)) return i;
        return -1;
    }

    public override bool IsSameKind(Distribution other) =>
        other is CategoricalDistribution c && DistributionJson.Serialize(c) == DistributionJson.Serialize(this);

    public override string ToString() => $"Categorical[{string.Join(", ", Choices)}]";
}
