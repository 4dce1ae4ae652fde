namespace TfNotes.Keras.Initializers;

/// <summary><c>tf.keras.initializers</c>.</summary>
public sealed class InitializersApi
{
    internal InitializersApi() { }

    public GlorotNormal GlorotNormal(long? seed = null) => new(seed);
    public GlorotUniform GlorotUniform(long? seed = null) => new(seed);
    public HeNormal HeNormal(long? seed = null) => new(seed);
    public Zeros Zeros() => new();
    public Ones Ones() => new();

    public VarianceScaling VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", long? seed = null) =>
        new(scale, mode, distribution, seed);
}
