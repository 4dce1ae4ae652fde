using TfNotes.Tuning.Distributions;
using TfNotes.Tuning.Samplers;

namespace TfNotes.Tuning;

/// <summary>
/// A running trial handed to the objective. Parameters are defined by run: each <c>Suggest*</c> call asks
/// the study's sampler and stores the value at once. Suggesting the same name again returns the same value.
/// </summary>
public sealed class Trial
{
    private readonly Study _study;
    private readonly SamplingContext _context;
    private readonly Dictionary<string, object?> _params = new();
    private readonly Dictionary<int, double> _intermediateValues = new();

    internal Trial(Study study, long id, int number, int phase, SamplingContext context)
    {
        _study = study;
        _context = context;
        Id = id;
        Number = number;
        Phase = phase;
    }

    public long Id { get; }
    public int Number { get; }

    /// <summary>Coarse-to-fine phase this trial samples in (0 = coarse, or the only phase).</summary>
    public int Phase { get; }

    public IReadOnlyDictionary<string, object?> Params => _params;
    public IReadOnlyDictionary<int, double> IntermediateValues => _intermediateValues;

    public double SuggestFloat(string name, double low, double high, bool log = false) =>
        (double)Suggest(name, Define(name, () => new FloatDistribution(low, high, log ? ParameterScale.Log : ParameterScale.Linear)))!;

    /// <summary>A parameter close to 1, sampled as 1 − 10^r (log-uniform in 1 − x), e.g. an EWA β.</summary>
    public double SuggestReverseLog(string name, double low, double high) =>
        (double)Suggest(name, Define(name, () => new FloatDistribution(low, high, ParameterScale.ReverseLog)))!;

    public int SuggestInt(string name, int low, int high, bool log = false) =>
        (int)Suggest(name, Define(name, () => new IntDistribution(low, high, log)))!;

    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) =>
        (T)Suggest(name, Define(name, () => new CategoricalDistribution(choices.Cast<object?>())))!;

    /// <summary>Every parameter of a declarative search space, by name.</summary>
    public IReadOnlyDictionary<string, object?> SuggestAll(SearchSpace space) =>
        space.ToDictionary(p => p.Key, p => Suggest(p.Key, p.Value));

    /// <summary>A value for <paramref name="name"/> from any distribution.</summary>
    public object? Suggest(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_params.TryGetValue(name, out var existing)) return existing;
        var internalValue = _study.Sampler.Sample(_context, name, distribution);
        _study.Storage.SetParam(Id, name, internalValue, distribution);
        var value = distribution.ToExternal(internalValue);
        _params[name] = value;
        return value;
    }

    /// <summary>Records an intermediate objective value (e.g. validation loss after epoch <paramref name="step"/>).</summary>
    public void Report(double value, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        _intermediateValues[step] = value;
        _study.Storage.SetIntermediateValue(Id, step, value);
        _study.OnTrialReported(this, step, value);
    }

    /// <summary>Whether the study's pruner would stop this trial now; if so, throw <see cref="TrialPruned"/>.</summary>
    public bool ShouldPrune() => _study.ShouldPrune(this);

    /// <summary>Stores a note on the trial (shown in exports), e.g. the test accuracy of a retrained model.</summary>
    public void SetAttribute(string key, string value) => _study.Storage.SetAttribute(Id, key, value);

    /// <summary>Builds a distribution, naming the parameter in the error when the range is invalid.</summary>
    internal static TDistribution Define<TDistribution>(string name, Func<TDistribution> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"parameter '{name}': {e.Message}", name, e);
        }
    }
}
