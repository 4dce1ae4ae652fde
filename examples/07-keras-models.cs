// 7 · Keras models: the TF 2 quickstart's subclassed model with compile/fit and summary(), a functional model checked
// when it is built, EarlyStopping, and fit checked against the GradientTape loop.
// Run from the repository: dotnet run examples/07-keras-models.cs   (notebook: notebooks/07-keras-models.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
using TfNotes;
using TfNotes.Keras;
using TfNotes.Keras.Layers;
using static TfNotes.Binding;

tf.config.threading.set_intra_op_parallelism_threads(1);
var ((x_train, y_train), (x_test, y_test)) = tf.keras.datasets.fashion_mnist.load_data();
const int nTrain = 5000, nTest = 1000;
Tensor images(NumSharp.NDArray x, int n) => tf.reshape(tf.cast(tf.constant(x[$"0:{n}"]), tf.float32) / 255.0, new Shape(n, 28, 28, 1));
var xTrain = images(x_train, nTrain);
var yTrain = tf.constant(y_train[$"0:{nTrain}"]);
var xTest = images(x_test, nTest);
var yTest = tf.constant(y_test[$"0:{nTest}"]);

// The quickstart: layers in fields (tracked with no registration), the forward pass in Call.
tf.random.set_seed(1);
var model = new MyModel();
model.compile(optimizer: "adam", loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
var history = model.fit(xTrain, yTrain, epochs: 2, batch_size: 32, validation_split: 0.1, verbose: 2);
if (history.history["val_accuracy"][^1] < 0.75) throw new Exception("the quickstart model should validate above 75 %");
model.summary(line_length: 76);
var results = model.evaluate(xTest, yTest, verbose: 0);
Console.WriteLine($"test loss {results["loss"]:F4}, accuracy {results["accuracy"]:F4}");

// Functional: a layer that cannot take its symbolic input fails when it is applied, naming both layers.
var inputs = tf.keras.Input(shape: [28, 28, 1]);
var h = tf.keras.layers.Dense(64, activation: "relu").Apply(tf.keras.layers.Flatten().Apply(inputs));
var mlp = tf.keras.Model(inputs, tf.keras.layers.Dense(10).Apply(h), name: "mlp");
try { tf.keras.layers.Conv2D(8, 3).Apply(h); }
catch (ArgumentException e) { Console.WriteLine(e.Message); }

// EarlyStopping on validation accuracy keeps the best epoch's weights.
mlp.compile(optimizer: "adam", loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true), metrics: ["accuracy"]);
var stopping = tf.keras.callbacks.EarlyStopping(monitor: "val_accuracy", patience: 2, restore_best_weights: true);
var mlpHistory = mlp.fit(xTrain, yTrain, epochs: 8, batch_size: 64, validation_split: 0.2, verbose: 0, callbacks: [stopping]);
Console.WriteLine($"{mlpHistory.epoch.Count} epochs; kept epoch {stopping.best_epoch + 1}, val_accuracy {stopping.best:F4}");

// fit is the notes' GradientTape loop: the same batches and initial weights give the same weights.
Sequential Small() => tf.keras.Sequential([
    tf.keras.Input(shape: [28, 28, 1]), tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(32, activation: "relu", kernel_initializer: new TfNotes.Keras.Initializers.GlorotUniform(seed: 1)),
    tf.keras.layers.Dense(10, kernel_initializer: new TfNotes.Keras.Initializers.GlorotUniform(seed: 2))]);
var fitted = Small();
fitted.compile(optimizer: tf.keras.optimizers.SGD(0.1), loss: tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true));
double fitLoss = fitted.fit(xTrain, yTrain, batch_size: 100, epochs: 1, shuffle: false, verbose: 0).history["loss"][0];
var byHand = Small();
var sgd = tf.keras.optimizers.SGD(0.1);
var cost = tf.keras.losses.SparseCategoricalCrossentropy(from_logits: true);
double total = 0;
foreach (var (x, y) in tf.data.Dataset.from_tensor_slices((xTrain, yTrain)).batch(100))
{
    using var tape = tf.GradientTape();
    var loss = cost.Call(y, byHand.Apply(x, training: true));
    var grads = tape.gradient(loss, byHand.trainable_variables);
    sgd.apply_gradients(zip(grads, byHand.trainable_variables));
    total += (float)loss * (int)x.shape[0];
}
bool same = fitted.variables.Zip(byHand.variables).All(p => p.First.ToArray<float>().SequenceEqual(p.Second.ToArray<float>()));
Console.WriteLine($"fit loss {fitLoss:F6}, loop loss {total / nTrain:F6}, same weights: {same}");
if (!same || Math.Abs(fitLoss - total / nTrain) > 1e-5) throw new Exception("fit should be the GradientTape loop");

public class MyModel : Model
{
    readonly Conv2D conv1 = new(32, 3, activation: "relu");
    readonly Flatten flatten = new();
    readonly Dense d1 = new(128, activation: "relu");
    readonly Dense d2 = new(10);

    protected override Tensor Call(Tensor x, bool training) => d2.Apply(d1.Apply(flatten.Apply(conv1.Apply(x))));
}
