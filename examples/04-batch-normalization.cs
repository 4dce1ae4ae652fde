// 4 · Batch normalization: the notes' μ, σ², z_norm, z̃ against tf.keras.layers.BatchNormalization in training and
// inference mode, its moving averages, and the notes' own layer (NotesBatchNorm) over 100 batches.
// Run from the repository: dotnet run examples/04-batch-normalization.cs   (notebook: notebooks/04-batch-normalization.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
using TfNotes;
using static TfNotes.Binding;

float MaxAbsDiff(Tensor p, Tensor q) => (float)tf.reduce_max(tf.abs(p - q));
string Row(Tensor t) => string.Join(" ", t.ToArray<float>().Select(v => $"{v,8:F4}"));

tf.random.set_seed(4);
var z = tf.random.normal(new Shape(64, 5), mean: 3.0, stddev: 2.0, seed: 4);
var gamma = tf.constant(new float[] { 1.0f, 2.0f, 0.5f, 1.5f, 3.0f });
var beta = tf.constant(new float[] { 0.0f, -1.0f, 2.0f, 0.5f, 1.0f });
const double eps = 1e-3;

// The notes' formulas.
var mu = tf.reduce_mean(z, axis: 0);
var sigma2 = tf.reduce_mean(tf.square(z - mu), axis: 0);
var z_norm = (z - mu) / tf.sqrt(sigma2 + eps);
var z_tilde = gamma * z_norm + beta;

// The Keras layer with the same γ and β, in training mode.
var bn = tf.keras.layers.BatchNormalization(momentum: 0.99, epsilon: eps);
bn.build(z.shape);
bn.gamma!.assign(gamma);
bn.beta!.assign(beta);
var output = bn.Apply(z, training: true);
Console.WriteLine($"μ                       {Row(mu)}");
Console.WriteLine($"σ²                      {Row(sigma2)}");
Console.WriteLine($"max |layer − formulas|  {MaxAbsDiff(output, z_tilde):E1}");
if (MaxAbsDiff(output, z_tilde) > 1e-5f) throw new Exception("BatchNormalization(training=True) differs from the notes' formulas");

// Moving averages after one batch: 0.99·(0 or 1) + 0.01·batch statistic; inference uses them.
Console.WriteLine($"moving_mean             {Row(bn.moving_mean!)}   (0.01·μ)");
Console.WriteLine($"moving_variance         {Row(bn.moving_variance!)}   (0.99 + 0.01·σ²)");
if (MaxAbsDiff(bn.moving_mean!, 0.01 * mu) > 1e-6f || MaxAbsDiff(bn.moving_variance!, 0.99 + 0.01 * sigma2) > 1e-6f)
    throw new Exception("the moving averages are not 0.99·old + 0.01·batch statistic");
var inference = bn.Apply(z, training: false);
var byHand = gamma * (z - bn.moving_mean!) / tf.sqrt(bn.moving_variance! + eps) + beta;
Console.WriteLine($"max |inference − formula with moving stats| {MaxAbsDiff(inference, byHand):E1}");
if (MaxAbsDiff(inference, byHand) > 1e-5f) throw new Exception("BatchNormalization(training=False) does not use the moving statistics");

// The notes' own layer against Keras' over 100 more batches.
var notes = new TfNotes.Notes.NotesBatchNorm(momentum: 0.99, epsilon: eps);
notes.build(z.shape);
notes.gamma!.assign(gamma);
notes.beta!.assign(beta);
notes.Apply(z, training: true);
float worst = 0;
for (int step = 0; step < 100; step++)
{
    var batch = tf.random.normal(new Shape(64, 5), mean: 3.0, stddev: 2.0, seed: 4);
    worst = Math.Max(worst, MaxAbsDiff(bn.Apply(batch, training: true), notes.Apply(batch, training: true)));
}
Console.WriteLine($"NotesBatchNorm vs Keras over 100 batches: max output difference {worst:E1}, " +
                  $"moving_mean {MaxAbsDiff(bn.moving_mean!, notes.moving_mean!):E1}");
if (worst > 1e-4f || MaxAbsDiff(bn.moving_mean!, notes.moving_mean!) > 1e-4f) throw new Exception("NotesBatchNorm and Keras disagree");
