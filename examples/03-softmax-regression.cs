// 3 · Softmax regression: softmax and cross-entropy by the notes' formulas against the library, dz = ŷ − y from the
// tape, and softmax regression trained on Fashion-MNIST.
// Run from the repository: dotnet run examples/03-softmax-regression.cs   (notebook: notebooks/03-softmax-regression.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
using TfNotes;
using TfNotes.Data;
using static TfNotes.Binding;

float MaxAbsDiff(Tensor p, Tensor q) => (float)tf.reduce_max(tf.abs(p - q));

// The notes' example: z = [5, 2, −1, 3], t = e^z, a = t / Σ t.
var z = tf.constant(new float[,] { { 5, 2, -1, 3 } });
var t = tf.exp(z);
var a = t / tf.reduce_sum(t, axis: 1, keepdims: true);
Console.WriteLine($"a          = {a}");
Console.WriteLine($"tf.softmax = {tf.nn.softmax(z)}");
if (MaxAbsDiff(a, tf.nn.softmax(z)) > 1e-6f) throw new Exception("softmax by the formula differs from tf.nn.softmax");

// Cross-entropy −Σ y log ŷ, and its gradient with respect to the logits: ŷ − y.
tf.random.set_seed(1);
var logits = tf.random.normal(new Shape(5, 4), seed: 1);
var labels = tf.constant(new long[] { 0, 3, 1, 1, 2 });
var y = tf.one_hot(labels, 4);
var byFormula = -tf.reduce_sum(y * tf.log(tf.nn.softmax(logits)), axis: 1);
var library = tf.keras.losses.categorical_crossentropy(y, logits, from_logits: true);
Console.WriteLine($"max |formula − categorical_crossentropy| = {MaxAbsDiff(byFormula, library):E1}");
if (MaxAbsDiff(byFormula, library) > 1e-5f) throw new Exception("categorical_crossentropy differs from −Σ y log softmax(z)");
using (var tape = tf.GradientTape())
{
    tape.watch(logits);
    var losses = tf.keras.losses.categorical_crossentropy(y, logits, from_logits: true);
    var dz = tape.gradient(losses, logits)!;
    Console.WriteLine($"max |tape − (ŷ − y)| = {MaxAbsDiff(dz, tf.nn.softmax(logits) - y):E1}");
    if (MaxAbsDiff(dz, tf.nn.softmax(logits) - y) > 1e-6f) throw new Exception("the tape's dL/dz is not ŷ − y");
}

// Softmax regression on 10,000 Fashion-MNIST images, 3 epochs of Adam.
var ((x_train, y_train), (x_test, y_test)) = tf.keras.datasets.fashion_mnist.load_data();
const int nTrain = 10000, nTest = 2000;
(Tensor, Tensor) normalize(Tensor images, Tensor labels) =>
    (tf.reshape(tf.cast(images, tf.float32) / 255.0, new Shape(-1, 784)), tf.one_hot(labels, 10));
var train = tf.data.Dataset.from_tensor_slices((x_train[$"0:{nTrain}"], y_train[$"0:{nTrain}"])).shuffle(nTrain, seed: 3).batch(128).map(normalize);
var W = tf.Variable(tf.zeros(new Shape(784, 10)), name: "W");
var b = tf.Variable(tf.zeros(new Shape(10)), name: "b");
var optimizer = tf.keras.optimizers.Adam(0.005);
for (int epoch = 0; epoch < 3; epoch++)
{
    double epochCost = 0;
    foreach (var (x, labelsOneHot) in train)
    {
        using var tape = tf.GradientTape();
        var cost = tf.reduce_mean(tf.keras.losses.categorical_crossentropy(labelsOneHot, tf.matmul(x, W) + b, from_logits: true));
        optimizer.apply_gradients(zip(tape.gradient(cost, [W, b]), [W, b]));
        epochCost += (float)cost * x.shape[0];
    }
    Console.WriteLine($"epoch {epoch + 1}: cost {epochCost / nTrain:F4}");
}
var xTest = tf.reshape(tf.cast(tf.constant(x_test[$"0:{nTest}"]), tf.float32) / 255.0, new Shape(nTest, 784));
var predicted = tf.argmax(tf.matmul(xTest, W) + b, axis: 1).ToArray<long>();
var truth = y_test[$"0:{nTest}"].ToArray<byte>();
double accuracy = predicted.Zip(truth).Count(p => p.First == p.Second) / (double)nTest;
Console.WriteLine($"test accuracy: {accuracy:P1} of {nTest} images");
if (accuracy < 0.7) throw new Exception($"softmax regression should pass 70 % on Fashion-MNIST, got {accuracy:P1}");
