namespace TfNotes;

/// <summary>
/// TensorFlow's and Keras' warnings (Python's <c>logging.warning</c>): one line <c>WARNING: …</c> on standard error,
/// each distinct message once per process, as TensorFlow logs most of them only the first time.
/// </summary>
internal static class Warnings
{
    static readonly HashSet<string> said = [];

    /// <summary>Where warnings go (tests collect them here).</summary>
    internal static Action<string> Sink = OnceToStandardError;

    internal static void Warn(string message) => Sink(message);

    static void OnceToStandardError(string message)
    {
        lock (said)
            if (!said.Add(message)) return;
        Console.Error.WriteLine($"WARNING: {message}");
    }
}
