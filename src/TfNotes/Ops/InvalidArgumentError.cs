namespace TfNotes;

/// <summary>Bad input to an op (TensorFlow's <c>InvalidArgumentError</c>): the message names the op and the shapes or dtypes.</summary>
public sealed class InvalidArgumentError(string message, Exception? inner = null) : ArgumentException(message, inner);
