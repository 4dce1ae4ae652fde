using System.Text.RegularExpressions;

namespace TfNotes.Keras;

/// <summary>
/// Keras' default object names: the class name in snake case by Keras' own rules (<c>MyModel</c> → <c>my_model</c>,
/// <c>Conv2D</c> → <c>conv2d</c>, <c>MaxPooling2D</c> → <c>max_pooling2d</c>, <c>ReLU</c> → <c>re_lu</c>).
/// </summary>
internal static partial class KerasNames
{
    internal static string SnakeCase(string className)
    {
        var name = NonWord().Replace(className, "");
        name = CapitalisedWord().Replace(name, "$1_$2");
        name = LowerThenUpper().Replace(name, "$1_$2");
        return name.ToLowerInvariant();
    }

    [GeneratedRegex(@"\W+")] private static partial Regex NonWord();
    [GeneratedRegex("(.)([A-Z][a-z]+)")] private static partial Regex CapitalisedWord();
    [GeneratedRegex("([a-z])([A-Z])")] private static partial Regex LowerThenUpper();
}
