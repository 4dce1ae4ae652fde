using System.Collections;
using System.Runtime.CompilerServices;

namespace TfNotes.Data;

/// <summary>
/// Values given in the structure of an element spec (a generator's elements, <c>padded_batch</c>'s padded shapes and
/// padding values), taken apart leaf by leaf as TensorFlow's <c>nest.flatten_up_to</c>: a tuple spec takes a tuple of
/// as many items, a dictionary spec a dictionary of the same keys, a <see cref="TensorSpec"/> any value.
/// </summary>
internal static class Nest
{
    /// <summary>The leaves of <paramref name="value"/> in the leaf order of <paramref name="spec"/>; null when its
    /// structure differs.</summary>
    internal static List<object?>? FlattenUpTo(object spec, object? value)
    {
        var leaves = new List<object?>();
        return Flatten(spec, value, leaves) ? leaves : null;
    }

    static bool Flatten(object spec, object? value, List<object?> leaves)
    {
        switch (spec)
        {
            case TensorSpec:
                leaves.Add(value);
                return true;
            case ITuple tuple:
                if (value is not ITuple items || items.Length != tuple.Length) return false;
                for (int i = 0; i < tuple.Length; i++)
                    if (!Flatten(tuple[i]!, items[i], leaves)) return false;
                return true;
            case Dictionary<string, TensorSpec> dictionary:
                if (value is not IDictionary named || named.Count != dictionary.Count) return false;
                foreach (var (key, leaf) in dictionary)
                    if (!named.Contains(key) || !Flatten(leaf, named[key], leaves)) return false;
                return true;
            default:
                return false;
        }
    }

    /// <summary>A short text of a value for error messages (arrays by element type and lengths).</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "null",
        Tensor t => t.IsFreed ? "a freed tensor" : $"a tensor of shape {t.shape} and dtype {t.dtype}",
        Array a => $"{a.GetType().GetElementType()!.Name}[{string.Join(",", Enumerable.Range(0, a.Rank).Select(a.GetLength))}]",
        ITuple t => $"({string.Join(", ", Enumerable.Range(0, t.Length).Select(i => Describe(t[i])))})",
        IDictionary d => $"{{{string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}: {Describe(d[k])}"))}}}",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
