namespace TfNotes.Keras.Initializers;

/// <summary><c>tf.keras.initializers</c>.</summary>
public sealed class InitializersApi
{
    internal InitializersApi() { }

    /// <summary><c>keras.initializers.GlorotNormal</c>: truncated normal with variance 2 / (fan_in +
    /// fan_out).</summary>
    public GlorotNormal GlorotNormal(long? seed = null) => new(seed);
    /// <summary><c>keras.initializers.GlorotUniform</c>: uniform in ±√(6 / (fan_in + fan_out)), Keras' default kernel
    /// initializer.</summary>
    public GlorotUniform GlorotUniform(long? seed = null) => new(seed);
    /// <summary><c>keras.initializers.HeNormal</c>: truncated normal with variance 2 / fan_in.</summary>
    public HeNormal HeNormal(long? seed = null) => new(seed);
    /// <summary><c>keras.initializers.Zeros</c>: all zeros.</summary>
    public Zeros Zeros() => new();
    /// <summary><c>keras.initializers.Ones</c>: all ones.</summary>
    public Ones Ones() => new();
    /// <summary><c>keras.initializers.Constant</c>: every value is <paramref name="value"/>.</summary>
    public Constant Constant(double value = 0.0) => new(value);

    /// <summary><c>keras.initializers.VarianceScaling</c>: see <see
    /// cref="T:TfNotes.Keras.Initializers.VarianceScaling"/>.</summary>
    public VarianceScaling VarianceScaling(double scale = 1.0, string mode = "fan_in", string distribution = "truncated_normal", long? seed = null) =>
        new(scale, mode, distribution, seed);

    /// <summary>Keras' <c>initializers.get</c> for a name (<c>"glorot_uniform"</c>, <c>"HeNormal"</c>, …).</summary>
    internal static Initializer Get(string identifier) => KerasNames.SnakeCase(identifier) switch
    {
        "glorot_normal" => new GlorotNormal(),
        "glorot_uniform" => new GlorotUniform(),
        "he_normal" => new HeNormal(),
        "zeros" => new Zeros(),
        "ones" => new Ones(),
        "constant" => new Constant(),
        "variance_scaling" => new VarianceScaling(),
        _ => throw new ArgumentException($"Could not interpret initializer identifier: {identifier} (TfNotes knows glorot_normal, glorot_uniform, " +
            "he_normal, zeros, ones, constant, variance_scaling)", nameof(identifier)),
    };
}
