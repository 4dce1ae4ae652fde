namespace TfNotes;

/// <summary>A value of the wrong type for an op (Python's <c>TypeError</c> as TensorFlow raises it), e.g. a non-integral
/// number combined with an integer tensor: <c>Cannot convert 2.5 to EagerTensor of dtype int32</c>.</summary>
public sealed class TypeError(string message, Exception? inner = null) : ArgumentException(message, inner);
