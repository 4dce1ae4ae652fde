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
    private readonly Dictionary<string, Distribution> _distributions = new();
    private readonly Dictionary<int, double> _intermediateValues = new();

    internal Trial(Study study, long id, int number, int phase, SamplingContext context)
    {
        _study = study;
        _context = context;
        Id = id;
        Number = number;
        Phase = phase;
    }

    /// <summary>The trial's storage-wide id.</summary>
    public long Id { get; }
    /// <summary>The trial's number in the study: 0, 1, 2, ….</summary>
    public int Number { get; }

    /// <summary>Coarse-to-fine phase this trial samples in (0 = coarse, or the only phase).</summary>
    public int Phase { get; }

    /// <summary>The parameters suggested so far, as the objective got them.</summary>
    public IReadOnlyDictionary<string, object?> Params => _params;
    /// <summary>The values reported so far, by step.</summary>
    public IReadOnlyDictionary<int, double> IntermediateValues => _intermediateValues;

    /// <summary>A real in [low, high]; <paramref name="log"/>: uniform in log x; <paramref name="step"/>: only low + k·step (Optuna's suggest_float).</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null) =>
        (double)Suggest(name, Define(name, () => new FloatDistribution(low, high, log ? ParameterScale.Log : ParameterScale.Linear, step)))!;

    /// <summary>A parameter close to 1, sampled as 1 − 10^r (log-uniform in 1 − x), e.g. an EWA β.</summary>
    public double SuggestReverseLog(string name, double low, double high) =>
        (double)Suggest(name, Define(name, () => new FloatDistribution(low, high, ParameterScale.ReverseLog)))!;

    /// <summary>An integer in [low, high], every <paramref name="step"/>-th; <paramref name="log"/>: log-uniform (Optuna's suggest_int).</summary>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1) =>
        (int)Suggest(name, Define(name, () => new IntDistribution(low, high, log, step)))!;

    /// <summary>One of <paramref name="choices"/> (Optuna's suggest_categorical).</summary>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices) =>
        (T)Suggest(name, Define(name, () => new CategoricalDistribution(choices.Cast<object?>())))!;

    /// <summary>Every parameter of a declarative search space, by name.</summary>
    public IReadOnlyDictionary<string, object?> SuggestAll(SearchSpace space) =>
        space.ToDictionary(p => p.Key, p => Suggest(p.Key, p.Value));

    /// <summary>
    /// A value for <paramref name="name"/> from any distribution. A name keeps one kind of distribution across the
    /// study (type and log flag, and the choices of a categorical: Optuna's check_distribution_compatibility, which the
    /// storage applies against earlier trials); a single-value range gives its value without asking the sampler, as Optuna.
    /// </summary>
    public object? Suggest(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_distributions.TryGetValue(name, out var mine))
        {
            RequireSameKind(name, mine, distribution, "this trial");
            return _params[name];
        }
        var internalValue = distribution switch
        {
            NumericDistribution { Single: true } single => single.Low,
            CategoricalDistribution { Choices.Count: 1 } => 0,
            _ => _study.Sampler.Sample(_context, name, distribution),
        };
        _study.Storage.SetParam(Id, name, internalValue, distribution);
        var value = distribution.ToExternal(internalValue);
        _distributions[name] = distribution;
        _params[name] = value;
        return value;
    }

    /// <summary>
    /// Records an intermediate objective value (e.g. validation loss after epoch <paramref name="step"/>). A step already
    /// reported keeps its first value and the new one is ignored with a warning, as Optuna's <c>trial.report</c>.
    /// </summary>
    public void Report(double value, int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (!_intermediateValues.TryAdd(step, value))
        {
            Console.Error.WriteLine($"WARNING: trial {Number}: the reported value is ignored because step {step} is already reported");
            return;
        }
        _study.Storage.SetIntermediateValue(Id, step, value);
        _study.OnTrialReported(this, step, value);
    }

    /// <summary>Whether the study's pruner would stop this trial now; if so, throw <see cref="TrialPruned"/>.</summary>
    public bool ShouldPrune() => _study.ShouldPrune(this);

    /// <summary>Stores a note on the trial (Optuna's set_user_attr; shown in exports), e.g. a retrained model's test accuracy.</summary>
    public void SetUserAttribute(string key, object? value) => _study.Storage.SetUserAttribute(Id, key, value);

    private static void RequireSameKind(string name, Distribution stored, Distribution asked, string where)
    {
        if (!stored.IsSameKind(asked)) throw KindChanged(name, stored, asked, where);
    }

    /// <summary>The error for one parameter name suggested as two kinds of distribution (Optuna raises ValueError).</summary>
    internal static ArgumentException KindChanged(string name, Distribution stored, Distribution asked, string where) =>
        new($"parameter '{name}' is suggested as {asked} but {where} has it as {stored}: a parameter keeps one kind of " +
            "distribution (Optuna: ValueError: Cannot set different distribution kind to the same parameter name)", name);

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
