namespace TfNotes.Keras;

/// <summary>
/// What <c>evaluate</c>, <c>train_on_batch</c> and <c>test_on_batch</c> return: the loss and metric values in
/// <c>metrics_names</c> order (Keras' list), also by name (<c>return_dict</c>). With no metrics it is the loss alone
/// and converts to a number, as Keras returns a scalar: <c>double loss = model.evaluate(x, y);</c>.
/// </summary>
public sealed class MetricResults : IReadOnlyList<double>
{
    readonly List<KeyValuePair<string, double>> values;

    internal MetricResults(IEnumerable<KeyValuePair<string, double>> values) => this.values = values.ToList();

    /// <summary>The value at <paramref name="index"/> in <c>metrics_names</c> order (0 is the loss).</summary>
    public double this[int index] => values[index].Value;

    /// <summary>The value of the metric named <paramref name="name"/> (<c>"loss"</c>, <c>"accuracy"</c>…); an unknown
    /// name throws.</summary>
    public double this[string name] => values.FirstOrDefault(v => v.Key == name) is { Key: not null } entry ? entry.Value
        : throw new KeyNotFoundException($"no metric named '{name}' (there are: {string.Join(", ", values.Select(v => v.Key))})");

    /// <summary>The number of values: the loss and one per metric.</summary>
    public int Count => values.Count;

    /// <summary>The names in order (the model's <c>metrics_names</c>).</summary>
    public IReadOnlyList<string> names => values.Select(v => v.Key).ToList();

    /// <summary>Keras' <c>return_dict=True</c>.</summary>
    public Dictionary<string, double> ToDictionary() => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>The loss alone, when there are no metrics (Keras returns a scalar then); with metrics it
    /// throws.</summary>
    public static implicit operator double(MetricResults results) => results.Count == 1 ? results[0]
        : throw new InvalidCastException($"the results hold {results.Count} values ({string.Join(", ", results.names)}); index them instead");

    /// <summary>The values in <c>metrics_names</c> order.</summary>
    public IEnumerator<double> GetEnumerator() => values.Select(v => v.Value).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The values as a Python list prints them: <c>[0.35, 0.87]</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", values.Select(v => v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
