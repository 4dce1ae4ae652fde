using TfNotes.Tuning.Distributions;

namespace TfNotes.Tuning.Samplers;

/// <summary>
/// Tries every combination of given values, trial number n taking grid point n, so concurrent workers never repeat a
/// point, and stops the study once every point has been given out (Optuna's GridSampler; failed trials used their
/// point too). Offered only when asked for: it is the worse choice the notes warn about. With a budget of 25 trials a 5×5 grid tries only 5 values of the parameter that matters,
/// where random search tries 25. A parameter the grid does not list is an error, as in Optuna.
/// </summary>
public sealed class GridSampler : ISampler
{
    private readonly List<KeyValuePair<string, IReadOnlyList<object?>>> _grid;

    /// <summary>Optuna's <c>GridSampler(search_space)</c>: <paramref name="grid"/> lists each parameter's values, tried
    /// in order (Optuna's <c>seed</c> shuffles the grid; TfNotes' order is fixed, so workers share it without storage).</summary>
    public GridSampler(IReadOnlyDictionary<string, IReadOnlyList<object?>> grid)
    {
        if (grid.Count == 0) throw new ArgumentException("the grid has no parameters", nameof(grid));
        foreach (var (name, values) in grid)
            if (values.Count == 0) throw new ArgumentException($"parameter '{name}': the grid has no values", name);
        _grid = grid.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A grid from a declarative space: <paramref name="pointsPerParameter"/> evenly spaced points of each
    /// numeric parameter on its own scale, every choice of each categorical one.
    /// </summary>
    public static GridSampler FromSearchSpace(SearchSpace space, int pointsPerParameter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerParameter, 2);
        var grid = new Dictionary<string, IReadOnlyList<object?>>();
        foreach (var (name, distribution) in space)
        {
            grid[name] = distribution switch
            {
                CategoricalDistribution c => c.Choices,
                NumericDistribution n => Enumerable.Range(0, pointsPerParameter)
                    .Select(i => n.ToExternal(n.FromSearchScale(
                        n.ToSearchScale(n.Low) + (n.ToSearchScale(n.High) - n.ToSearchScale(n.Low)) * i / (pointsPerParameter - 1))))
                    .Distinct().ToList(),
                _ => throw new NotSupportedException($"cannot grid {distribution.GetType().Name}"),
            };
        }
        return new GridSampler(grid);
    }

    /// <summary>Number of grid points.</summary>
    public int Size => _grid.Aggregate(1, (size, p) => size * p.Value.Count);

    /// <summary>Every point has gone to a trial (the study's trial numbers run 0, 1, … with no gaps).</summary>
    public bool IsExhausted(SamplingContext context) => context.Trials.Count >= Size;

    /// <inheritdoc/>
    public double Sample(SamplingContext context, string name, Distribution distribution)
    {
        var axis = _grid.FindIndex(p => p.Key == name);
        if (axis < 0) throw new ArgumentException($"The parameter name, {name}, is not found in the given grid.", nameof(name));

        // Mixed-radix digits of the point index: the last parameter varies fastest. Past the end (two workers that
        // started the last points at once), a point is tried again, as Optuna does then.
        var index = Math.Max(context.TrialNumber, 0) % Size;
        for (var i = _grid.Count - 1; i > axis; i--) index /= _grid[i].Value.Count;
        var value = _grid[axis].Value[index % _grid[axis].Value.Count];

        if (distribution is CategoricalDistribution categorical)
        {
            var choice = categorical.IndexOf(value);
            return choice >= 0 ? choice : throw new ArgumentException($"parameter '{name}': grid value {value} is not a choice", name);
        }
        var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        return distribution.Contains(number) ? number : throw new ArgumentException($"parameter '{name}': grid value {value} is outside {distribution}", name);
    }
}
