namespace TfNotes;

/// <summary>Memory could not be allocated (TensorFlow's <c>ResourceExhaustedError</c>, "OOM when allocating tensor…").</summary>
public sealed class ResourceExhaustedError(string message, Exception? inner = null) : Exception(message, inner);
