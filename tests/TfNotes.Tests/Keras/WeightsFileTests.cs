using System.Buffers.Binary;
using System.Text.Json;
using TfNotes.Keras.Layers;
using TfNotes.Keras;
using TfNotes.Notes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

public sealed class WeightsFileTests() : TfNotes.Tests.Data.InTemporaryFolder("tfnotes-weights-")
{
    static Sequential Model() => tf.keras.Sequential([
        tf.keras.layers.Dense(5, use_bias: false),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dense(3, "softmax"),
    ]);

    readonly Tensor X = Hand.Float32(Hand.Values(6, 4, seed: 11, scale: 2));

    [Fact]
    public void Round_trip_into_an_unbuilt_model_gives_the_same_outputs()
    {
        var model = Model();
        model.Apply(X, training: true);   // moves the moving statistics away from 0 and 1
        var path = Path.Combine(Folder, "model.safetensors");
        model.save_weights(path);

        var copy = Model();
        copy.load_weights(path);
        Assert.All(copy.layers, l => Assert.True(l.built));
        Assert.Equal(model.Apply(X).ToArray<float>(), copy.Apply(X).ToArray<float>());
        Assert.Equal(model.variables.Select(v => v.ToArray<float>()), copy.variables.Select(v => v.ToArray<float>()));
        Assert.Equal(["model.safetensors"], Directory.GetFiles(Folder).Select(Path.GetFileName));   // no temporary left behind
    }

    [Fact]
    public void The_file_is_safetensors_with_named_float32_tensors()
    {
        var model = Model();
        model.Apply(X);
        var path = Path.Combine(Folder, "model.safetensors");
        model.save_weights(path);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["dense/kernel", "batch_normalization/gamma", "batch_normalization/beta", "batch_normalization/moving_mean",
            "batch_normalization/moving_variance", "dense_1/kernel", "dense_1/bias"], names);
        var kernel = header.RootElement.GetProperty("dense/kernel");
        Assert.Equal("F32", kernel.GetProperty("dtype").GetString());
        Assert.Equal([4L, 5L], kernel.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal([0L, 80L], kernel.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()));
        var values = new float[20];
        Buffer.BlockCopy(bytes, 8 + headerLength, values, 0, 80);
        Assert.Equal(((Dense)model.layers[0]).kernel!.ToArray<float>(), values);
        long end = header.RootElement.EnumerateObject().Max(p => p.Value.GetProperty("data_offsets")[1].GetInt64());
        Assert.Equal(bytes.Length, 8 + headerLength + end);
    }

    [Fact]
    public void A_mismatched_shape_is_an_error_naming_the_weight_and_both_shapes()
    {
        var small = tf.keras.layers.Dense(5);
        small.Apply(X);
        var path = Path.Combine(Folder, "dense.safetensors");
        small.save_weights(path);

        var wide = tf.keras.layers.Dense(6);
        wide.Apply(X);
        var before = wide.kernel!.ToArray<float>();
        var e = Assert.Throws<ArgumentException>(() => wide.load_weights(path));
        Assert.Contains("'dense/kernel'", e.Message);
        Assert.Contains("(4, 6)", e.Message);
        Assert.Contains("(4, 5)", e.Message);
        Assert.Equal(before, wide.kernel.ToArray<float>());   // nothing assigned
    }

    [Fact]
    public void Missing_file_missing_weights_and_unbuildable_layers_are_clear_errors()
    {
        var missing = Path.Combine(Folder, "nope.safetensors");
        var e = Assert.Throws<FileNotFoundException>(() => Model().load_weights(missing));
        Assert.Contains(missing, e.Message);

        var dense = tf.keras.layers.Dense(5);
        dense.Apply(X);
        var path = Path.Combine(Folder, "dense.safetensors");
        dense.save_weights(path);
        var unbuildable = Assert.Throws<ArgumentException>(() => Model().load_weights(path));
        Assert.Contains("'batch_normalization'", unbuildable.Message);
        var noBias = tf.keras.layers.Dense(5, use_bias: false);
        var unexpected = Assert.Throws<ArgumentException>(() => noBias.load_weights(path));
        Assert.Contains("'dense/bias'", unexpected.Message);

        File.WriteAllBytes(path, [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => dense.load_weights(path));
        Assert.Throws<InvalidOperationException>(() => tf.keras.layers.Dense(2).save_weights(path));
    }

    [Fact]
    public void Three_layer_network_round_trip()
    {
        var network = new ThreeLayerNetwork(4, [6, 5], 3, batchNorm: true, seed: 2);
        network.TrainStep(X, tf.constant(new[] { 0, 1, 2, 0, 1, 2 }), tf.keras.optimizers.Adam(0.01));
        var path = Path.Combine(Folder, "network.safetensors");
        network.save_weights(path);

        var copy = new ThreeLayerNetwork(4, [6, 5], 3, batchNorm: true, seed: 9);
        copy.load_weights(path);
        Assert.Equal(network.Forward(X).ToArray<float>(), copy.Forward(X).ToArray<float>());
        var e = Assert.Throws<ArgumentException>(() => new ThreeLayerNetwork(4, [7, 5], 3, batchNorm: true).load_weights(path));
        Assert.Contains("'W1'", e.Message);
        Assert.Throws<ArgumentException>(() => new ThreeLayerNetwork(4, [6, 5], 3, batchNorm: false).load_weights(path));
    }
}
