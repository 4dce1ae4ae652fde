namespace TfNotes.Keras;

/// <summary>Keras' <c>warnings.warn</c>: a line on standard error, each distinct message once per process (Python's default filter).</summary>
internal static class KerasWarnings
{
    static readonly HashSet<string> Shown = [];

    internal static void Warn(string message)
    {
        lock (Shown)
            if (!Shown.Add(message)) return;
        Console.Error.WriteLine($"UserWarning: {message}");
    }
}
