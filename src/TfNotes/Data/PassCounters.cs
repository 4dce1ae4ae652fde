using System.Reflection;

namespace TfNotes.Data;

/// <summary>The <see cref="IPassCounter"/>s of a pipeline, found by walking each dataset's input datasets (its fields), in a fixed order.</summary>
internal static class PassCounters
{
    internal static IReadOnlyList<IPassCounter> Of(IDataset dataset)
    {
        var found = new List<IPassCounter>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(dataset, found, seen);
        return found;
    }

    static void Walk(IDataset dataset, List<IPassCounter> found, HashSet<object> seen)
    {
        if (!seen.Add(dataset)) return;
        if (dataset is IPassCounter counter) found.Add(counter);
        for (var type = dataset.GetType(); type is not null && type != typeof(object); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)
                         .OrderBy(f => f.Name, StringComparer.Ordinal))
                switch (field.GetValue(dataset))
                {
                    case IDataset input: Walk(input, found, seen); break;
                    case IEnumerable<IDataset> inputs: // zip's inputs; never other collections (a generator would run)
                        foreach (var input in inputs) Walk(input, found, seen);
                        break;
                }
    }
}
