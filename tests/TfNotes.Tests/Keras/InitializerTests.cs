using TfNotes.Keras.Initializers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

public class InitializerTests
{
    static (double mean, double std, double maxAbs) Stats(Tensor t)
    {
        var v = Hand.Vector(t);
        double mean = v.Average();
        return (mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length), v.Max(Math.Abs));
    }

    [Theory]
    [InlineData("GlorotNormal", 400, 600, 2.0 / 1000)]   // variance 2/(fan_in + fan_out)
    [InlineData("HeNormal", 500, 300, 2.0 / 500)]        // variance 2/fan_in
    public void Truncated_normals_have_the_stated_variance_and_no_value_beyond_two_sigma(string kind, int fanIn, int fanOut, double variance)
    {
        Initializer initializer = kind == "GlorotNormal" ? tf.keras.initializers.GlorotNormal(seed: 3) : tf.keras.initializers.HeNormal(seed: 3);
        var (mean, std, maxAbs) = Stats(initializer.Apply(new Shape(fanIn, fanOut)));
        double sigma = Math.Sqrt(variance) / 0.87962566103423978;  // the normal before truncation
        Assert.True(Math.Abs(std - Math.Sqrt(variance)) < 0.01 * Math.Sqrt(variance), $"std {std} vs {Math.Sqrt(variance)}");
        Assert.True(Math.Abs(mean) < 0.01 * sigma, $"mean {mean}");
        Assert.True(maxAbs <= 2 * sigma * (1 + 1e-6), $"max |w| {maxAbs} beyond 2σ = {2 * sigma}");
        Assert.True(maxAbs > 1.99 * sigma, $"max |w| {maxAbs}: the truncation should reach close to 2σ = {2 * sigma}");
    }

    [Fact]
    public void Glorot_uniform_fills_plus_minus_the_limit()
    {
        double limit = Math.Sqrt(6.0 / (300 + 500));
        var (mean, std, maxAbs) = Stats(tf.keras.initializers.GlorotUniform(seed: 5).Apply(new Shape(300, 500)));
        Assert.True(maxAbs <= limit && maxAbs > 0.999 * limit, $"max |w| {maxAbs}, limit {limit}");
        Assert.True(Math.Abs(std - limit / Math.Sqrt(3)) < 0.01 * limit, $"std {std}");
        Assert.True(Math.Abs(mean) < 0.01 * limit, $"mean {mean}");
    }

    [Fact]
    public void A_seed_gives_the_same_values_on_every_call_and_different_seeds_differ()
    {
        var shape = new Shape(20, 30);
        foreach (var make in new Func<long, Initializer>[] { s => new GlorotNormal(s), s => new GlorotUniform(s), s => new HeNormal(s) })
        {
            var first = make(1).Apply(shape).ToArray<float>();
            Assert.Equal(first, make(1).Apply(shape).ToArray<float>());
            var initializer = make(1);
            Assert.Equal(initializer.Apply(shape).ToArray<float>(), initializer.Apply(shape).ToArray<float>());
            Assert.NotEqual(first, make(2).Apply(shape).ToArray<float>());
        }
    }

    [Fact]
    public void Zeros_ones_and_the_fans_of_kernels()
    {
        Assert.All(tf.keras.initializers.Zeros().Apply(new Shape(2, 3)).ToArray<float>(), v => Assert.Equal(0f, v));
        Assert.All(tf.keras.initializers.Ones().Apply(new Shape(4), tf.float64).ToArray<double>(), v => Assert.Equal(1.0, v));
        Assert.Equal((3.0 * 3 * 16, 3.0 * 3 * 32), VarianceScaling.Fans([3, 3, 16, 32]));
        Assert.Equal((7.0, 7.0), VarianceScaling.Fans([7]));
        Assert.Throws<ArgumentException>(() => tf.keras.initializers.GlorotNormal().Apply(new Shape(2, 2), tf.int32));
    }
}
