using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace TfNotes.Keras.Layers;

/// <summary>
/// Keras' automatic attribute tracking, by reflection: the layers and variables a layer holds in its instance
/// fields (auto-properties included, through their backing fields), directly or in arrays, lists and dictionaries
/// (values), nested. Fields are read in declaration order, base classes first, as Keras records attributes in the
/// order <c>__init__</c> sets them. Fields declared by <see cref="Layer"/> itself are its own bookkeeping and skipped;
/// lazy sequences (LINQ queries) are not enumerated.
/// </summary>
internal static class Tracking
{
    static readonly ConcurrentDictionary<Type, FieldInfo[]> FieldsOf = new();

    internal static List<object> Find(Layer owner)
    {
        var found = new List<object>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { owner };
        foreach (var field in FieldsOf.GetOrAdd(owner.GetType(), TrackableFields)) Collect(field.GetValue(owner), found, seen);
        return found;
    }

    static void Collect(object? value, List<object> found, HashSet<object> seen)
    {
        switch (value)
        {
            case null or string:
                return;
            case Layer or Variable:
                if (seen.Add(value)) found.Add(value);
                return;
            case Tensor:
                return;
            case IDictionary dictionary:
                foreach (var item in dictionary.Values) Collect(item, found, seen);
                return;
            case ICollection collection when seen.Add(collection):
                foreach (var item in collection) Collect(item, found, seen);
                return;
        }
    }

    static FieldInfo[] TrackableFields(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(Layer); t = t.BaseType) chain.Add(t);
        chain.Reverse();
        return chain.SelectMany(t => t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(f => MayHold(f.FieldType))
                .OrderBy(f => f.MetadataToken))
            .ToArray();
    }

    /// <summary>Fields whose type can hold a layer or a variable (skips numbers, strings, tensors, delegates).</summary>
    static bool MayHold(Type type) =>
        !type.IsPrimitive && !type.IsEnum && type != typeof(string) && type != typeof(decimal) &&
        (typeof(Layer).IsAssignableFrom(type) || type == typeof(Variable) || typeof(ICollection).IsAssignableFrom(type) ||
         typeof(IDictionary).IsAssignableFrom(type) || type == typeof(object) || type.IsInterface);
}
