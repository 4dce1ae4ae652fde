namespace TfNotes.Keras.Initializers;

/// <summary>
/// Glorot (Xavier) uniform, Keras' default kernel initializer: uniform(−limit, limit), limit = √(6/(fan_in + fan_out))
/// (<c>VarianceScaling(1, "fan_avg", "uniform")</c>).
/// </summary>
public sealed class GlorotUniform(long? seed = null) : VarianceScaling(1.0, "fan_avg", "uniform", seed);
