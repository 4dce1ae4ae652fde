using TfNotes.Keras;
using TfNotes.Keras.Initializers;
using static TfNotes.Binding;

namespace TfNotes.Tests.Keras;

/// <summary>
/// compile / fit / evaluate / predict / train_on_batch / test_on_batch with Keras 3's semantics, checked against the
/// same training written as a GradientTape loop (same seed: the same weights), and Keras' errors.
/// </summary>
public class FitTests
{
    const int Examples = 48, Features = 5, Classes = 3;
    static readonly Tensor X = Hand.Float32(Hand.Values(Examples, Features, seed: 21));
    static readonly Tensor Y = tf.constant(Enumerable.Range(0, Examples).Select(i => (i * 7 + i / 5) % Classes).ToArray());

    static Sequential NewModel() => tf.keras.Sequential([
        tf.keras.layers.Dense(8, activation: "relu", kernel_initializer: new GlorotUniform(seed: 1)),
        tf.keras.layers.BatchNormalization(),
        tf.keras.layers.Dense(Classes, kernel_initializer: new GlorotUniform(seed: 2)),
    ]);

    static Tensor Rows(Tensor t, int start, int count) => tf.stack(Enumerable.Range(start, count).Select(i => t[i]));

    [Fact]
    public void Fit_gives_the_weights_and_history_of_the_same_gradient_tape_loop()
    {
        const int batch = 10, epochs = 3;   // 48 examples: 4 full batches and one of 8
        var model = NewModel();
        model.compile(optimizer: tf.keras.optimizers.Adam(0.05), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var history = model.fit(X, Y, batch_size: batch, epochs: epochs, shuffle: false, verbose: 0);

        var hand = NewModel();
        var optimizer = tf.keras.optimizers.Adam(0.05);
        var lossFunction = tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true);
        var losses = new List<double>();
        var accuracies = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double weightedLoss = 0, correct = 0;
            for (int start = 0; start < Examples; start += batch)
            {
                int n = Math.Min(batch, Examples - start);
                var (xb, yb) = (Rows(X, start, n), Rows(Y, start, n));
                using var tape = tf.GradientTape();
                var logits = hand.Apply(xb, training: true);
                var loss = lossFunction.Call(yb, logits);
                var grads = tape.gradient(loss, hand.trainable_variables);
                optimizer.apply_gradients(zip(grads, hand.trainable_variables));
                weightedLoss += (float)loss * n;   // Keras weighs each batch's loss by its size
                var predicted = tf.argmax(logits, 1).ToArray<long>();
                correct += Enumerable.Range(0, n).Count(i => predicted[i] == (long)(int)yb[i]);
            }
            losses.Add(weightedLoss / Examples);
            accuracies.Add(correct / Examples);
        }

        Assert.Equal(Enumerable.Range(0, epochs), history.epoch);
        Assert.Equal(["accuracy", "loss"], history.history.Keys.Order(StringComparer.Ordinal));
        Hand.Close(losses.ToArray(), history.history["loss"].ToArray(), 1e-6, "loss");
        Hand.Close(accuracies.ToArray(), history.history["accuracy"].ToArray(), 1e-6, "accuracy");
        Assert.True(losses[^1] < losses[0], "the loss falls");
        for (int i = 0; i < model.variables.Count; i++)
            Assert.Equal(hand.variables[i].ToArray<float>(), model.variables[i].ToArray<float>());
        Assert.Same(history, model.history);
    }

    [Fact]
    public void Validation_split_holds_out_the_last_examples_and_logs_val_metrics()
    {
        var model = NewModel();
        model.compile(optimizer: "adam", loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var history = model.fit(X, Y, batch_size: 8, epochs: 2, validation_split: 0.25, verbose: 0);
        Assert.Equal(["accuracy", "loss", "val_accuracy", "val_loss"], history.history.Keys.Order(StringComparer.Ordinal));
        var held = model.evaluate(Rows(X, 36, 12), Rows(Y, 36, 12), verbose: 0);
        Assert.Equal(["loss", "accuracy"], held.names);
        Hand.Close(history.history["val_loss"][^1], held["loss"], 1e-6, "val_loss = evaluate on the last 25 %");
        Hand.Close(history.history["val_accuracy"][^1], held[1], 1e-6, "val_accuracy");

        var withData = model.fit(X, Y, epochs: 1, validation_data: (Rows(X, 0, 6), Rows(Y, 0, 6)), verbose: 0);
        Assert.Contains("val_loss", withData.history.Keys);
    }

    [Fact]
    public void Evaluate_predict_and_the_batch_methods()
    {
        var model = NewModel();
        model.compile(optimizer: tf.keras.optimizers.SGD(0.1), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true));
        model.fit(X, Y, epochs: 1, verbose: 0);
        var predictions = model.predict(X, batch_size: 7, verbose: 0);
        Assert.Equal(new Shape(Examples, Classes), predictions.shape);
        Assert.Equal(model.Apply(X).ToArray<float>(), predictions.ToArray<float>());
        double loss = model.evaluate(X, Y, batch_size: 48, verbose: 0);   // no metrics: a number, as Keras
        Hand.Close((float)tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true).Call(Y, predictions), loss, 1e-6, "evaluate");

        // Without batch norm, so training and inference mode give the same loss.
        var dense = tf.keras.Sequential([tf.keras.layers.Dense(Classes, kernel_initializer: new GlorotUniform(seed: 3))]);
        dense.compile(optimizer: tf.keras.optimizers.SGD(0.5), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
        var first = Rows(X, 0, 8);
        var labels = Rows(Y, 0, 8);
        var before = dense.test_on_batch(first, labels);
        Assert.Equal(["loss", "accuracy"], before.names);
        var trained = dense.train_on_batch(first, labels);
        Hand.Close(before[0], trained[0], 1e-6, "train_on_batch reports the loss before its update, of this batch alone");
        Assert.True(dense.test_on_batch(first, labels)[0] < before[0], "the step lowered the batch's loss");
        var halfWeighted = dense.test_on_batch(first, labels, sample_weight: tf.fill(new Shape(8), 0.5f));
        Hand.Close(dense.test_on_batch(first, labels)[0] / 2, halfWeighted[0], 1e-6, "sum_over_batch_size with weights ½");
    }

    [Fact]
    public void Fit_on_a_dataset_and_string_losses_optimizers_metrics()
    {
        var model = NewModel();
        model.compile(optimizer: "rmsprop", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);
        var softmax = tf.keras.Sequential([model, tf.keras.layers.Softmax()]);
        softmax.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy", "sparse_categorical_accuracy"]);
        var ds = tf.data.Dataset.from_tensor_slices((X, Y)).batch(16);
        var history = softmax.fit(ds, epochs: 2, verbose: 0, validation_data: ds);
        Assert.Equal(history.history["accuracy"], history.history["sparse_categorical_accuracy"]);
        Assert.Equal(["loss", "accuracy", "sparse_categorical_accuracy"], softmax.metrics_names);

        var oneHot = tf.keras.Sequential([tf.keras.layers.Dense(Classes, activation: "softmax")]);
        oneHot.compile(loss: "categorical_crossentropy", metrics: ["accuracy"]);
        var categorical = oneHot.fit(X, tf.one_hot(Y, Classes), verbose: 0);
        var sparse = tf.keras.Sequential([tf.keras.layers.Dense(1, activation: "sigmoid")]);
        sparse.compile(loss: "binary_crossentropy", metrics: ["accuracy"]);
        var binary = sparse.fit(X, tf.cast(tf.equal(Y, tf.constant(0)), tf.float32), verbose: 0);
        Assert.Single(categorical.history["accuracy"]);
        Assert.InRange(binary.history["accuracy"][0], 0, 1);
        Assert.IsType<TfNotes.Keras.Metrics.BinaryAccuracy>(ChosenAccuracy(sparse));
        Assert.IsType<TfNotes.Keras.Metrics.CategoricalAccuracy>(ChosenAccuracy(oneHot));
        Assert.IsType<TfNotes.Keras.Metrics.SparseCategoricalAccuracy>(ChosenAccuracy(softmax));
    }

    /// <summary>The accuracy Keras' "accuracy" became on the first batch.</summary>
    static object ChosenAccuracy(Model model) =>
        typeof(TfNotes.Keras.Metrics.AccuracyByName).GetField("chosen", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .GetValue(model.metrics.Single(m => m.name == "accuracy"))!;

    [Fact]
    public void Bad_input_to_fit_is_one_clear_error()
    {
        var model = NewModel();
        Assert.Equal("You must call `compile()` before calling `fit()`.", Assert.Throws<InvalidOperationException>(() => model.fit(X, Y)).Message);
        model.compile(optimizer: "sgd", loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true));
        var lengths = Assert.Throws<ArgumentException>(() => model.fit(X, Rows(Y, 0, 40), verbose: 0));
        Assert.Contains("Data cardinality is ambiguous", lengths.Message);
        Assert.Contains("'x' sizes: 48, 'y' sizes: 40", lengths.Message);
        Assert.Contains("validation_split=1.5", Assert.Throws<ArgumentOutOfRangeException>(() => model.fit(X, Y, validation_split: 1.5)).Message);
        var range = Assert.Throws<InvalidArgumentError>(() => model.fit(X, Y * 2, verbose: 0));
        Assert.Contains("outside the valid range of [0, 3)", range.Message);
        var oneHot = tf.keras.Sequential([tf.keras.layers.Dense(4)]);
        oneHot.compile(optimizer: "sgd", loss: "categorical_crossentropy");
        var shapes = Assert.Throws<InvalidArgumentError>(() => oneHot.fit(X, tf.one_hot(Y, Classes), verbose: 0));
        Assert.Contains("y_true (32, 3)", shapes.Message);
        Assert.Contains("y_pred (32, 4)", shapes.Message);
        Assert.Contains("`y` argument is not supported", Assert.Throws<ArgumentException>(() => model.fit(tf.data.Dataset.from_tensor_slices((X, Y)).batch(4), Y)).Message);
        Assert.Contains("only supported for tensors", Assert.Throws<ArgumentException>(() =>
            model.fit(tf.data.Dataset.from_tensor_slices((X, Y)).batch(4), validation_split: 0.5, verbose: 0)).Message);
    }
}
