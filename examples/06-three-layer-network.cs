// 6 · The notes' three-layer network end to end: data → tf.data → parameters → forward → cost → tape → Adam → accuracy.
// Run from the repository: dotnet run examples/06-three-layer-network.cs   (notebook: notebooks/06-three-layer-network.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
using TfNotes;
using TfNotes.Data;
using static TfNotes.Binding;

var ((x_train, y_train), (x_test, y_test)) = tf.keras.datasets.fashion_mnist.load_data();
const int nTrain = 12000, nTest = 2000;
Tensor normalize(Tensor image) => tf.reshape(tf.cast(image, tf.float32) / 255.0, new Shape(-1));
Tensor one_hot_matrix(Tensor label, int C = 10) => tf.reshape(tf.one_hot(label, C), new Shape(C));
var train = tf.data.Dataset.zip(
    tf.data.Dataset.from_tensor_slices(x_train[$"0:{nTrain}"]).map(normalize),
    tf.data.Dataset.from_tensor_slices(y_train[$"0:{nTrain}"]).map(l => one_hot_matrix(l))).cache();
var test = tf.data.Dataset.zip(
    tf.data.Dataset.from_tensor_slices(x_test[$"0:{nTest}"]).map(normalize),
    tf.data.Dataset.from_tensor_slices(y_test[$"0:{nTest}"]).map(l => one_hot_matrix(l))).cache();
Console.WriteLine($"element_spec: {train.element_spec}");

// Parameters: Glorot normal weights, zero biases, 784 → 25 → 12 → 10.
var W1 = tf.Variable(tf.keras.initializers.GlorotNormal(seed: 2).Apply(new Shape(784, 25)), name: "W1");
var b1 = tf.Variable(tf.zeros(new Shape(25)), name: "b1");
var W2 = tf.Variable(tf.keras.initializers.GlorotNormal(seed: 3).Apply(new Shape(25, 12)), name: "W2");
var b2 = tf.Variable(tf.zeros(new Shape(12)), name: "b2");
var W3 = tf.Variable(tf.keras.initializers.GlorotNormal(seed: 4).Apply(new Shape(12, 10)), name: "W3");
var b3 = tf.Variable(tf.zeros(new Shape(10)), name: "b3");
Variable[] trainable_variables = [W1, b1, W2, b2, W3, b3];

Tensor forward_propagation(Tensor X)
{
    var A1 = tf.nn.relu(tf.matmul(X, W1) + b1);
    var A2 = tf.nn.relu(tf.matmul(A1, W2) + b2);
    return tf.matmul(A2, W3) + b3;
}
Tensor compute_total_loss(Tensor logits, Tensor labels) =>
    tf.reduce_sum(tf.keras.losses.categorical_crossentropy(labels, logits, from_logits: true));

var optimizer = tf.keras.optimizers.Adam(0.001);
var train_accuracy = tf.keras.metrics.CategoricalAccuracy();
var test_accuracy = tf.keras.metrics.CategoricalAccuracy();
var minibatches = train.shuffle(nTrain, seed: 1).batch(64).prefetch(8);
var costs = new List<double>();
for (int epoch = 0; epoch < 5; epoch++)
{
    double epoch_total_loss = 0;
    train_accuracy.reset_state();
    foreach (var (X, Y) in minibatches)
    {
        using var tape = tf.GradientTape();
        var Z3 = forward_propagation(X);
        var loss = compute_total_loss(Z3, Y);
        train_accuracy.update_state(Y, Z3);
        optimizer.apply_gradients(zip(tape.gradient(loss, trainable_variables), trainable_variables));
        epoch_total_loss += (float)loss;
    }
    test_accuracy.reset_state();
    foreach (var (X, Y) in test.batch(256)) test_accuracy.update_state(Y, forward_propagation(X));
    costs.Add(epoch_total_loss / nTrain);
    Console.WriteLine($"Cost after epoch {epoch}: {costs[^1]:F4}   Train accuracy: {(float)train_accuracy.result():F4}   Test accuracy: {(float)test_accuracy.result():F4}");
}
if (!(costs[^1] < costs[0])) throw new Exception("the cost should fall during training");
if ((float)test_accuracy.result() < 0.75) throw new Exception($"expected over 75 % test accuracy after 5 epochs, got {(float)test_accuracy.result():P1}");
