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

    public double this[int index] => values[index].Value;

    public double this[string name] => values.FirstOrDefault(v => v.Key == name) is { Key: not null } entry ? entry.Value
        : throw new KeyNotFoundException($"no metric named '{name}' (there are: {string.Join(", ", values.Select(v => v.Key))})");

    public int Count => values.Count;

    public IReadOnlyList<string> names => values.Select(v => v.Key).ToList();

    /// <summary>Keras' <c>return_dict=True</c>.</summary>
    public Dictionary<string, double> ToDictionary() => values.ToDictionary(v => v.Key, v => v.Value);

    public static implicit operator double(MetricResults results) => results.Count == 1 ? results[0]
        : throw new InvalidCastException($"the results hold {results.Count} values ({string.Join(", ", results.names)}); index them instead");

    public IEnumerator<double> GetEnumerator() => values.Select(v => v.Value).GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"[{string.Join(", ", values.Select(v => v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]";
}
