namespace TfNotes.Keras.Initializers;

/// <summary>
/// Glorot (Xavier) normal: a normal truncated at ±2σ, σ = √(2/(fan_in + fan_out)) / 0.87962566103423978
/// (<c>VarianceScaling(1, "fan_avg", "truncated_normal")</c>). The course's TensorFlow assignment initialises W with it.
/// </summary>
public sealed class GlorotNormal(long? seed = null) : VarianceScaling(1.0, "fan_avg", "truncated_normal", seed);
