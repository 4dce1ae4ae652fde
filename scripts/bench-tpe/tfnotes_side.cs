#:project ../../src/TfNotes.Tuning/TfNotes.Tuning.csproj
// The TfNotes side of scripts/bench-tpe-vs-optuna.sh: the same test functions and samplers as optuna_side.py, one CSV
// line per run: library,sampler,function,seed,best_after_25,best_after_50.
//   dotnet run scripts/bench-tpe/tfnotes_side.cs -- SEEDS TRIALS [FIRST_SEED] [FUNCTIONS|all] [SAMPLERS|all]
using System.Globalization;
using TfNotes.Tuning;
using TfNotes.Tuning.Samplers;
using TfNotes.Tuning.Storage;

var seeds = int.Parse(args[0], CultureInfo.InvariantCulture);
var trials = int.Parse(args[1], CultureInfo.InvariantCulture);
var first = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
string[]? Only(int i) => args.Length > i && args[i] != "all" ? args[i].Split(',') : null;
var (onlyFunctions, onlySamplers) = (Only(3), Only(4));

// Branin (min 0.397887), Hartmann-6 (min −3.32237), and the notes' mix: a log-uniform learning rate, a reverse-log β
// (Optuna: log-uniform 1 − β) and a log-int width, each off its optimum (1e-3, 1 − 10^−2.5, 128) on its own scale (min 0).
var functions = new (string Name, Func<Trial, double> Objective)[]
{
    ("branin", t =>
    {
        double x1 = t.SuggestFloat("x1", -5, 10), x2 = t.SuggestFloat("x2", 0, 15);
        var b = 5.1 / (4 * Math.PI * Math.PI);
        return Math.Pow(x2 - b * x1 * x1 + 5 / Math.PI * x1 - 6, 2) + 10 * (1 - 1 / (8 * Math.PI)) * Math.Cos(x1) + 10;
    }),
    ("hartmann6", t =>
    {
        var x = Enumerable.Range(0, 6).Select(i => t.SuggestFloat($"x{i}", 0, 1)).ToArray();
        return Hartmann6(x);
    }),
    ("lr_beta_units", t =>
    {
        var lr = t.SuggestFloat("lr", 1e-5, 1, log: true);
        var beta = t.SuggestReverseLog("beta", 0.9, 0.9999);
        var units = t.SuggestInt("units", 8, 1024, log: true);
        return Math.Pow(Math.Log10(lr) + 3, 2) + Math.Pow(Math.Log10(1 - beta) + 2.5, 2) + Math.Pow(Math.Log2(units) - 7, 2) / 9;
    }),
};
var samplers = new (string Name, int Workers, Func<int, ISampler> Create)[]
{
    ("tpe", 1, s => new TpeSampler(seed: s)),
    ("tpe_normalized_kernels", 1, s => new TpeSampler(seed: s, normalizedKernels: true)),
    ("tpe_unstratified_startup", 1, s => new TpeSampler(seed: s, stratifiedStartup: false)),
    ("random", 1, s => new RandomSampler(s)),
    ("tpe_multivariate", 1, s => new TpeSampler(seed: s, multivariate: true)),
    ("tpe_4_workers", 4, s => new TpeSampler(seed: s)),
    ("tpe_constant_liar_4_workers", 4, s => new TpeSampler(seed: s, constantLiar: true)),
};

foreach (var (function, objective) in functions.Where(f => onlyFunctions?.Contains(f.Name) ?? true))
foreach (var (sampler, workers, create) in samplers.Where(s => onlySamplers?.Contains(s.Name) ?? true))
for (var seed = first; seed < first + seeds; seed++)
{
    var study = Study.CreateOrLoad("bench", new InMemoryStorage(), StudyDirection.Minimize, create(seed));
    // Parallel workers need trials that last: 2 ms each, as on the Optuna side.
    study.Optimize(workers == 1 ? objective : t => { Thread.Sleep(2); return objective(t); }, trials, workers);
    double Best(int n) => study.Trials.Where(t => t.Number < n && t.Value is not null).Min(t => t.Value!.Value);
    Console.WriteLine(string.Join(",", "tfnotes", sampler, function, seed,
        Best(trials / 2).ToString("R", CultureInfo.InvariantCulture), Best(trials).ToString("R", CultureInfo.InvariantCulture)));
}

static double Hartmann6(double[] x)
{
    double[] alpha = [1.0, 1.2, 3.0, 3.2];
    double[,] a = { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    double[,] p =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };
    var sum = 0.0;
    for (var i = 0; i < 4; i++)
    {
        var inner = 0.0;
        for (var j = 0; j < 6; j++) inner += a[i, j] * Math.Pow(x[j] - p[i, j], 2);
        sum += alpha[i] * Math.Exp(-inner);
    }
    return -sum;
}
