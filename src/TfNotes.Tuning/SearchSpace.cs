using System.Collections;
using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning;

/// <summary>
/// Parameters declared up front, for a <see cref="Samplers.GridSampler"/> or <see cref="Trial.SuggestAll"/>.
/// Collection-initializer friendly: <c>new SearchSpace { { "lr", new FloatDistribution(1e-4, 1, ParameterScale.Log) } }</c>.
/// </summary>
public sealed class SearchSpace : IEnumerable<KeyValuePair<string, Distribution>>
{
    private readonly List<KeyValuePair<string, Distribution>> _parameters = new();

    /// <summary>The number of parameters.</summary>
    public int Count => _parameters.Count;

    /// <summary>The distribution of the parameter <paramref name="name"/>.</summary>
    public Distribution this[string name] =>
        _parameters.FirstOrDefault(p => p.Key == name) is { Key: not null } found ? found.Value
            : throw new KeyNotFoundException($"the search space has no parameter '{name}' (it has: {string.Join(", ", _parameters.Select(p => p.Key))})");

    /// <summary>Declares parameter <paramref name="name"/> with <paramref name="distribution"/>; a name declared twice
    /// throws. Returns this space.</summary>
    public SearchSpace Add(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_parameters.Any(p => p.Key == name))
            throw new ArgumentException($"parameter '{name}' is declared twice", name);
        _parameters.Add(new(name, distribution));
        return this;
    }

    /// <summary>Declares a real parameter, as <see cref="Trial.SuggestFloat"/>.</summary>
    public SearchSpace AddFloat(string name, double low, double high, bool log = false, double? step = null) =>
        Add(name, Trial.Define(name, () => new FloatDistribution(low, high, log ? ParameterScale.Log : ParameterScale.Linear, step)));

    /// <summary>Declares a parameter close to 1, as <see cref="Trial.SuggestReverseLog"/>.</summary>
    public SearchSpace AddReverseLog(string name, double low, double high) =>
        Add(name, Trial.Define(name, () => new FloatDistribution(low, high, ParameterScale.ReverseLog)));

    /// <summary>Declares an integer parameter, as <see cref="Trial.SuggestInt"/>.</summary>
    public SearchSpace AddInt(string name, int low, int high, bool log = false, int step = 1) =>
        Add(name, Trial.Define(name, () => new IntDistribution(low, high, log, step)));

    /// <summary>Declares a categorical parameter, as <see cref="Trial.SuggestCategorical"/>.</summary>
    public SearchSpace AddCategorical<T>(string name, IReadOnlyList<T> choices) =>
        Add(name, Trial.Define(name, () => new CategoricalDistribution(choices.Cast<object?>())));

    /// <summary>The parameters in declaration order.</summary>
    public IEnumerator<KeyValuePair<string, Distribution>> GetEnumerator() => _parameters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
