using TfNotes.Keras.Layers;
using TfNotes.Keras;
using TfNotes.TestSupport;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// Keras models: attribute tracking of subclassed models (fields, auto-properties, lists and arrays of layers,
/// nested layers, variables), functional models shape-checked when built, Sequential on the same machinery,
/// Keras' summary() table, frozen layers.
/// </summary>
public class ModelTests
{
    /// <summary>A custom layer with its own weight (made in build) and a layer inside.</summary>
    sealed class Block : Layer
    {
        readonly Dense inner = new(4, name: "inner");
        public Variable? scale { get; private set; }

        public override void build(Shape input_shape)
        {
            scale = add_weight("scale", new Shape(4L), new TfNotes.Keras.Initializers.Ones());
            base.build(input_shape);
        }

        protected override Tensor Call(Tensor x, bool training) => inner.Apply(x) * scale!;
    }

    sealed class Net : Model
    {
        readonly Dense first = new(8, activation: "relu");
        public Dense Second { get; } = new(8);
        readonly List<Dense> heads = [new(4), new(4)];
        readonly Block[] blocks = [new Block()];
        readonly Variable temperature = tf.Variable(2.0f, name: "temperature");
        readonly Variable count = tf.Variable(0.0f, trainable: false, name: "count");
        readonly int unrelated = 3;

        protected override Tensor Call(Tensor x, bool training)
        {
            var h = Second.Apply(first.Apply(x));
            return blocks[0].Apply(heads[0].Apply(h) + heads[1].Apply(h)) / temperature + count * unrelated;
        }
    }

    static readonly Tensor X = Hand.Float32(Hand.Values(5, 6, seed: 3));

    [Fact]
    public void Subclassed_models_track_fields_properties_lists_arrays_and_variables()
    {
        var net = new Net();
        Assert.Equal("net", net.name);
        Assert.Equal(["dense", "dense_1", "dense_2", "dense_3", "block"], net.layers.Select(l => l.name));
        Assert.Equal(["temperature", "count"], net.variables.Select(v => v.name));  // layers not built yet
        var y = net.Apply(X);
        Assert.Equal(new Shape(5, 4), y.shape);

        // Keras' order: own trainable, own non-trainable, then each layer's (block: its scale, then its inner layer's).
        Assert.Equal(["temperature", "kernel", "bias", "kernel", "bias", "kernel", "bias", "kernel", "bias", "scale", "kernel", "bias"],
            net.trainable_variables.Select(v => v.name));
        Assert.Equal(["count"], net.non_trainable_variables.Select(v => v.name));
        Assert.Equal(13, net.variables.Count);
        Assert.Equal(1 + 1 + (6 * 8 + 8) + (8 * 8 + 8) + 2 * (8 * 4 + 4) + 4 + (4 * 4 + 4), net.count_params());
        Assert.Same(net.layers[1], net.Second);
        Assert.Same(net.layers[1], net.get_layer("dense_1"));
        Assert.Contains("'block'", Assert.Throws<ArgumentException>(() => net.get_layer("nope")).Message);
    }

    [Fact]
    public void Subclassed_model_weights_save_under_their_paths_and_load_into_another_instance()
    {
        var net = new Net();
        net.Apply(X);
        var path = Path.Combine(Scratch.Folder("tfnotes-model-").FullName, "net.safetensors");
        net.save_weights(path);
        var names = TfNotes.Keras.Saving.WeightsFile.Read(path).Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["block/inner/bias", "block/inner/kernel", "block/scale", "count", "dense/bias", "dense/kernel", "dense_1/bias", "dense_1/kernel",
            "dense_2/bias", "dense_2/kernel", "dense_3/bias", "dense_3/kernel", "temperature"], names);
        var copy = new Net();
        copy.Apply(X);
        Assert.NotEqual(net.Apply(X).ToArray<float>(), copy.Apply(X).ToArray<float>());
        copy.load_weights(path);
        Assert.Equal(net.Apply(X).ToArray<float>(), copy.Apply(X).ToArray<float>());
    }

    [Fact]
    public void A_frozen_layer_has_no_trainable_weights_and_frozen_batch_norm_runs_in_inference_mode()
    {
        var bn = tf.keras.layers.BatchNormalization();
        var model = tf.keras.Sequential([tf.keras.layers.Dense(3), bn]);
        var x = Hand.Float32(Hand.Values(8, 4, seed: 1, scale: 3));
        model.Apply(x, training: true);
        var moving = bn.moving_mean!.ToArray<float>();
        bn.trainable = false;
        Assert.Equal(2, model.trainable_variables.Count);          // the Dense layer's
        Assert.Equal(4, model.non_trainable_variables.Count);      // γ, β and the moving statistics
        var inTraining = model.Apply(x, training: true);
        Assert.Equal(moving, bn.moving_mean!.ToArray<float>());     // not updated
        Assert.Equal(model.Apply(x, training: false).ToArray<float>(), inTraining.ToArray<float>());
        model.trainable = false;
        Assert.Empty(model.trainable_variables);
        Assert.False(model.layers[0].trainable);
        model.trainable = true;
        Assert.True(bn.trainable);                                  // Keras: the setter sets every sublayer's
    }

    static List<string> Summary(Model model)
    {
        var lines = new List<string>();
        model.summary(line_length: 76, print_fn: lines.Add);
        return lines;
    }

    [Fact]
    public void Summary_prints_keras_table()
    {
        var model = tf.keras.Sequential([
            tf.keras.Input(shape: [784]),
            tf.keras.layers.Dense(64, activation: "relu"),
            tf.keras.layers.Dense(10),
        ]);
        Assert.Equal([
            "Model: \"sequential\"",
            "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓",
            "┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃",
            "┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩",
            "│ dense (Dense)                   │ (None, 64)             │        50,240 │",
            "├─────────────────────────────────┼────────────────────────┼───────────────┤",
            "│ dense_1 (Dense)                 │ (None, 10)             │           650 │",
            "└─────────────────────────────────┴────────────────────────┴───────────────┘",
            " Total params: 50,890 (198.79 KB)",
            " Trainable params: 50,890 (198.79 KB)",
            " Non-trainable params: 0 (0.00 B)",
        ], Summary(model));

        model.compile(optimizer: "adam", loss: "mse");
        model.fit(tf.zeros(new Shape(4, 784)), tf.zeros(new Shape(4, 10)), verbose: 0);
        // Adam's iteration and learning rate, then m and v of each weight: 2 + 2·50,890, 4 bytes each but the int64 count.
        Assert.Equal(" Optimizer params: 101,782 (397.59 KB)", Summary(model)[^1]);
        Assert.Equal(" Total params: 152,672 (596.38 KB)", Summary(model)[^4]);
    }

    [Fact]
    public void Summary_of_unbuilt_and_subclassed_models()
    {
        var model = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.BatchNormalization()]);
        var before = Summary(model);
        Assert.Contains("│ dense (Dense)                   │ ?                      │   0 (unbuilt) │", before);
        model.Apply(tf.ones(new Shape(2, 5)));
        var after = Summary(model);
        Assert.Contains("│ dense (Dense)                   │ (2, 3)                 │            18 │", after);  // Keras: the shape it was built with
        Assert.Contains("│ batch_normalization             │ (2, 3)                 │            12 │", after);
        Assert.Contains("│ (BatchNormalization)            │                        │               │", after);  // wrapped as rich wraps
        Assert.Equal(" Non-trainable params: 6 (24.00 B)", after[^1]);
        var net = new Net();
        net.Apply(X);
        Assert.Contains("│ block (Block)                   │ (5, 4)                 │            24 │", Summary(net));
    }

    [Fact]
    public void Functional_models_replay_their_layers_and_list_the_input_layer()
    {
        var inputs = tf.keras.Input(shape: [6]);
        var hidden = tf.keras.layers.Dense(5, activation: "relu");
        var output = tf.keras.layers.Dense(3);
        var outputs = output.Apply(hidden.Apply(inputs));
        Assert.Equal(new Shape(-1, 3), outputs.shape);
        Assert.Equal($"<KerasTensor shape=(None, 3), dtype=float32, sparse=False, name={output.name}>", outputs.ToString());
        var model = tf.keras.Model(inputs, outputs, name: "mnist");
        Assert.Equal("mnist", model.name);
        Assert.True(model.built);
        Assert.Equal(["input_layer", "dense", "dense_1"], model.layers.Select(l => l.name));
        Assert.Equal(4, model.trainable_variables.Count);
        Assert.Equal(output.Apply(hidden.Apply(X)).ToArray<float>(), model.Apply(X).ToArray<float>());
        var lines = Summary(model);
        Assert.Contains("│ input_layer (InputLayer)        │ (None, 6)              │             0 │", lines);
        Assert.Contains("│ dense (Dense)                   │ (None, 5)              │            35 │", lines);
        var e = Assert.Throws<InvalidArgumentError>(() => model.Apply(tf.ones(new Shape(2, 7))));
        Assert.Contains("expected shape=(None, 6), found shape=(2, 7)", e.Message);
    }

    [Fact]
    public void A_layer_that_cannot_take_a_symbolic_input_fails_at_apply_naming_both_layers_and_the_shape()
    {
        var inputs = tf.keras.Input(shape: [784]);
        var dense = tf.keras.layers.Dense(64, activation: "relu", name: "hidden");
        var h = dense.Apply(inputs);
        var e = Assert.Throws<InvalidArgumentError>(() => tf.keras.layers.Conv2D(8, 3, name: "conv").Apply(h));
        Assert.Contains("'conv' (Conv2D)", e.Message);
        Assert.Contains("'hidden' (Dense)", e.Message);
        Assert.Contains("expected ndim=4, found ndim=2. Full shape received: (None, 64)", e.Message);

        var shared = Assert.Throws<InvalidArgumentError>(() => dense.Apply(tf.keras.Input(shape: [32], name: "other")));
        Assert.Contains("expected axis -1 of input shape to have value 784, but received input with shape (None, 32)", shared.Message);
        Assert.Contains("'other' (InputLayer)", shared.Message);

        Assert.Contains("do not come from `inputs`", Assert.Throws<ArgumentException>(() => tf.keras.Model(tf.keras.Input(shape: [784]), h)).Message);
    }

    [Fact]
    public void Sequential_with_an_input_builds_and_checks_each_layer_as_it_is_added()
    {
        var model = tf.keras.Sequential([tf.keras.Input(shape: [28, 28]), tf.keras.layers.Flatten()]);
        Assert.True(model.built);
        Assert.Single(model.layers);
        model.add(tf.keras.layers.Dense(10));
        Assert.Equal(new Shape(784, 10), ((Dense)model.layers[1]).kernel!.shape);
        var e = Assert.Throws<InvalidArgumentError>(() => model.add(tf.keras.layers.MaxPooling2D()));
        Assert.Contains("expected ndim=4", e.Message);
        Assert.Contains("(None, 10)", e.Message);
        Assert.Equal(new Shape(3, 10), model.Apply(tf.zeros(new Shape(3, 28, 28))).shape);
        Assert.Throws<ArgumentException>(() => model.add(tf.keras.layers.InputLayer([3])));
    }
}
