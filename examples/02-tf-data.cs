// 2 · tf.data: a dataset is iterated, never indexed; map, shuffle, batch, prefetch; Fashion-MNIST through a pipeline.
// Run from the repository: dotnet run examples/02-tf-data.cs   (notebook: notebooks/02-tf-data.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
using NumSharp;
using TfNotes;
using TfNotes.Data;
using static TfNotes.Binding;

var dataset = tf.data.Dataset.from_tensor_slices(tf.constant(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }));
Console.WriteLine($"element_spec: {dataset.element_spec}   cardinality: {dataset.cardinality()}");
string List(IEnumerable<NDArray> values) => "[" + string.Join(", ", values.Select(v => v.ToString())) + "]";
Console.WriteLine($"map(x * x):         {List(dataset.map(x => x * x).as_numpy_iterator())}");
Console.WriteLine($"shuffle(10, seed):  {List(dataset.shuffle(10, seed: 1).as_numpy_iterator())}");
Console.WriteLine($"shuffle(3, seed):   {List(dataset.shuffle(3, seed: 1).as_numpy_iterator())}   (a small buffer only mixes neighbours)");
Console.WriteLine("batch(4):");
foreach (var batch in dataset.batch(4)) Console.WriteLine($"  {batch}");

var ((x_train, y_train), _) = tf.keras.datasets.fashion_mnist.load_data();
(Tensor, Tensor) normalize(Tensor image, Tensor label) => (tf.cast(image, tf.float32) / 255.0, label);
var train = tf.data.Dataset.from_tensor_slices((x_train["0:5000"], y_train["0:5000"]))
    .map(normalize).shuffle(5000, seed: 2).batch(32).prefetch(tf.data.AUTOTUNE);
Console.WriteLine($"element_spec: {train.element_spec}");
Console.WriteLine($"cardinality: {train.cardinality()} batches");

int seen = 0;
var perClass = new int[10];
float low = float.MaxValue, high = float.MinValue;
foreach (var (x, y) in train)
{
    seen += (int)x.shape[0];
    var pixels = x.ToArray<float>();
    (low, high) = (Math.Min(low, pixels.Min()), Math.Max(high, pixels.Max()));
    foreach (var label in y.ToArray<byte>()) perClass[label]++;
}
Console.WriteLine($"{seen} examples, pixels in [{low}, {high}]; per class: {string.Join(" ", perClass)}");
var expected = new int[10];
foreach (var label in y_train["0:5000"].ToArray<byte>()) expected[label]++;
if (seen != 5000 || !perClass.SequenceEqual(expected)) throw new Exception("the pipeline lost or duplicated examples");
