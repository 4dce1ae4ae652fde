namespace TfNotes.Keras.Initializers;

/// <summary>
/// He normal, for ReLU layers: a normal truncated at ±2σ, σ = √(2/fan_in) / 0.87962566103423978
/// (<c>VarianceScaling(2, "fan_in", "truncated_normal")</c>).
/// </summary>
public sealed class HeNormal(long? seed = null) : VarianceScaling(2.0, "fan_in", "truncated_normal", seed);
