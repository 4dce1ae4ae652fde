// 5 · Hyperparameter tuning: random values beat a grid (more distinct values of the parameter that matters), the
// right scale for α (10^r) and β (1 − 10^r), and a small study, coarse to fine with pruning, on Fashion-MNIST.
// Run from the repository: dotnet run examples/05-hyperparameter-tuning.cs   (notebook: notebooks/05-hyperparameter-tuning.ipynb)
#:project ../src/TfNotes/TfNotes.csproj
#:project ../src/TfNotes.Tuning/TfNotes.Tuning.csproj
using TfNotes;
using TfNotes.Data;
using TfNotes.Tuning;
using TfNotes.Tuning.Pruners;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;
using static TfNotes.Binding;

// Grid against random on an error that depends on the learning rate alone (best at α = 10^−2.3).
double Error(double lr) => Math.Pow(Math.Log10(lr) + 2.3, 2);
double objective(Trial trial)
{
    double lr = trial.SuggestFloat("learning_rate", 1e-4, 1, log: true);
    trial.SuggestFloat("epsilon", 1e-8, 1e-4, log: true);    // does not matter
    return Error(lr);
}
var space = new SearchSpace().AddFloat("learning_rate", 1e-4, 1, log: true).AddFloat("epsilon", 1e-8, 1e-4, log: true);
var grid = Study.CreateOrLoad("grid", new InMemoryStorage(), sampler: GridSampler.FromSearchSpace(space, 5));
var random = Study.CreateOrLoad("random", new InMemoryStorage(), sampler: new RandomSampler(seed: 1));
foreach (var (name, study) in new[] { ("grid 5 × 5", grid), ("random", random) })
{
    study.Optimize(objective, nTrials: 25);
    var distinct = study.Trials.Select(t => (double)t.Params["learning_rate"]!).Distinct().Count();
    Console.WriteLine($"{name,-11} 25 trials, {distinct,2} distinct learning rates; best error {study.BestTrial!.Value:F4}");
}
if (random.BestTrial!.Value >= grid.BestTrial!.Value) throw new Exception("random search should get closer to the best α than the grid");

// Sampling on the right scale: α = 10^r puts a quarter of the draws in each decade of [1e-4, 1].
var scales = Study.CreateOrLoad("scales", new InMemoryStorage(), sampler: new RandomSampler(seed: 2));
scales.Optimize(trial => { trial.SuggestFloat("alpha", 1e-4, 1, log: true); trial.SuggestReverseLog("beta", 0.9, 0.999); return 0; }, nTrials: 2000);
var decades = scales.Trials.GroupBy(t => Math.Clamp((int)Math.Floor(Math.Log10((double)t.Params["alpha"]!)) + 4, 0, 3))
    .OrderBy(g => g.Key).Select(g => g.Count() / 2000.0).ToArray();
var betaBelow = scales.Trials.Count(t => (double)t.Params["beta"]! < 0.99) / 2000.0;
Console.WriteLine($"α per decade: {string.Join("  ", decades.Select(d => d.ToString("P1")))};  β in [0.9, 0.99): {betaBelow:P1}");
if (decades.Any(d => Math.Abs(d - 0.25) > 0.04) || Math.Abs(betaBelow - 0.5) > 0.05) throw new Exception("the draws are not on the notes' scales");

// A small study: a 784-h-12-10 network on 3000 images, α, β₁ and h tuned coarse to fine, hopeless trials pruned.
var ((x_train, y_train), _) = tf.keras.datasets.fashion_mnist.load_data();
Tensor Images(string rows, int n) => tf.reshape(tf.cast(tf.constant(x_train[rows]), tf.float32) / 255.0, new Shape(n, 784));
var X_val = Images("50000:51000", 1000);
var Y_val = tf.cast(tf.constant(y_train["50000:51000"]), tf.int64);
var train = tf.data.Dataset.from_tensor_slices((Images("0:3000", 3000), tf.cast(tf.constant(y_train["0:3000"]), tf.int64))).shuffle(3000, seed: 6).batch(100);
double train_and_score(Trial trial)
{
    var model = new TfNotes.Notes.ThreeLayerNetwork(784, [trial.SuggestInt("hidden_units", 8, 64, log: true), 12], 10, seed: 1);
    var optimizer = tf.keras.optimizers.Adam(trial.SuggestFloat("learning_rate", 1e-4, 1, log: true), beta_1: trial.SuggestReverseLog("beta_1", 0.8, 0.999));
    var accuracy = tf.keras.metrics.SparseCategoricalAccuracy();
    double score = 0;
    for (int epoch = 1; epoch <= 3; epoch++)
    {
        foreach (var (X, Y) in train) model.TrainStep(X, Y, optimizer);
        accuracy.reset_state();
        accuracy.update_state(Y_val, model.Forward(X_val));
        score = (float)accuracy.result();
        trial.Report(score, epoch);
        if (trial.ShouldPrune()) throw new TrialPruned();
    }
    return score;
}
var tuned = Study.CreateOrLoad("fashion-mnist", new InMemoryStorage(), StudyDirection.Maximize,
    new CoarseToFineSampler(new RandomSampler(seed: 7), trialsPerPhase: 6, phases: 2, topK: 3), new MedianPruner(nStartupTrials: 3, nWarmupSteps: 1));
tuned.Optimize(train_and_score, nTrials: 12);
var best = tuned.BestTrial!;
Console.WriteLine($"12 trials, {tuned.Trials.Count(t => t.State == TrialState.Pruned)} pruned; best: accuracy {best.Value:P1}, " +
                  $"α = {(double)best.Params["learning_rate"]!:0.#####}, β₁ = {(double)best.Params["beta_1"]!:0.####}, hidden {best.Params["hidden_units"]}");
if (best.Value < 0.7) throw new Exception($"the best trial should pass 70 % validation accuracy, got {best.Value:P1}");
