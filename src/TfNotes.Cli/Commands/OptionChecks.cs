using System.CommandLine;
using System.CommandLine.Parsing;
using System.Numerics;
using TfNotes.Cli.Training;
using TfNotes.Keras.Datasets;

namespace TfNotes.Cli.Commands;

/// <summary>Validators that turn bad option values into one-line errors naming the option (exit code 2).</summary>
internal static class OptionChecks
{
    public static Option<T> Positive<T>(this Option<T> option) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T value)) RequirePositive(result, option.Name, value);
        });
        return option;
    }

    public static Option<T?> Positive<T>(this Option<T?> option) where T : struct, INumber<T>
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out T? given) && given is { } value) RequirePositive(result, option.Name, value);
        });
        return option;
    }

    public static Option<int> NonNegative(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int value) && value < 0) result.AddError($"{option.Name} must be 0 or positive, got {value}");
        });
        return option;
    }

    public static Option<double> InUnitInterval(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out double value) && !(value >= 0 && value < 1)) result.AddError($"{option.Name} must be in [0, 1), got {value}");
        });
        return option;
    }

    /// <summary>The option's value; false when its text does not convert, an error the parser reports itself.</summary>
    static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    static void RequirePositive<T>(OptionResult result, string name, T value) where T : struct, INumber<T>
    {
        if (!(value > T.Zero && T.IsFinite(value))) result.AddError($"{name} must be positive, got {value}");
    }

    public static Option<string> OneOf(this Option<string> option, params string[] allowed)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!allowed.Contains(value)) result.AddError($"{option.Name} must be {string.Join(" or ", allowed)}, got '{value}'");
        });
        return option;
    }

    public static Option<string?> FashionMnistFolder(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            var folder = result.GetValueOrDefault<string?>();
            if (folder is null) return;
            if (!Directory.Exists(folder)) result.AddError($"{option.Name}: no such directory: {folder}");
            else if (LabelledImages.FashionMnistFolder(folder) is null)
                result.AddError($"{option.Name}: {folder} holds no Fashion-MNIST files ({string.Join(", ", FashionMnist.FileNames)})");
        });
        return option;
    }

    /// <summary>"256,128" → [256, 128]; anything else is an error naming the option.</summary>
    public static int[]? ParseSizes(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(",", result.Tokens.Select(t => t.Value));
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = parts.Select(p => int.TryParse(p, out int n) && n > 0 ? n : 0).ToArray();
        if (sizes.Length > 0 && sizes.All(n => n > 0)) return sizes;
        result.AddError($"{((OptionResult)result.Parent!).Option.Name} must be comma-separated positive layer sizes such as 256,128, got '{text}'");
        return null;
    }
}
