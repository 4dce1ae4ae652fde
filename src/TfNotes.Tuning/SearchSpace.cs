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

    public int Count => _parameters.Count;

    public Distribution this[string name] => _parameters.First(p => p.Key == name).Value;

    public SearchSpace Add(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_parameters.Any(p => p.Key == name))
            throw new ArgumentException($"parameter '{name}' is declared twice", name);
        _parameters.Add(new(name, distribution));
        return this;
    }

    public SearchSpace AddFloat(string name, double low, double high, bool log = false, double? step = null) =>
        Add(name, Trial.Define(name, () => new FloatDistribution(low, high, log ? ParameterScale.Log : ParameterScale.Linear, step)));

    public SearchSpace AddReverseLog(string name, double low, double high) =>
        Add(name, Trial.Define(name, () => new FloatDistribution(low, high, ParameterScale.ReverseLog)));

    public SearchSpace AddInt(string name, int low, int high, bool log = false, int step = 1) =>
        Add(name, Trial.Define(name, () => new IntDistribution(low, high, log, step)));

    public SearchSpace AddCategorical<T>(string name, IReadOnlyList<T> choices) =>
        Add(name, Trial.Define(name, () => new CategoricalDistribution(choices.Cast<object?>())));

    public IEnumerator<KeyValuePair<string, Distribution>> GetEnumerator() => _parameters.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
