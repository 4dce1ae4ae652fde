using TfNotes.Benchmarks.Performance;
using TfNotes.Benchmarks.Pipeline;

// dotnet run -c Release --project tests/TfNotes.Benchmarks -- <benchmark>
if (args.FirstOrDefault() == "worker") return PeerWorker.Run(args[1..]);   // scripts/bench-vs-pytorch.sh's TfNotes side
var benchmarks = new (string Name, string What, Action Run)[]
{
    ("pipeline", "tf.data throughput and its share of an MLP epoch on Fashion-MNIST", PipelineBenchmark.Run),
    ("epoch", "MLP epoch: TfNotes vs hand-written TorchSharp, and vs the machine's GEMM rate", EpochBenchmark.Run),
    ("small-step", "the notes' quadratic example, µs per step, TfNotes vs TorchSharp", SmallStepBenchmark.Run),
    ("memory", "RSS and live tensors over 100,000 notes steps and 20 MLP epochs", () => MemoryBenchmark.Run()),
    ("keras", "model.fit vs a GradientTape loop on the notes' MLP; Conv2D vs libtorch's conv2d", KerasBenchmark.Run),
    ("batchnorm", "a Keras BatchNormalization training step vs libtorch's native batch norm, 64 × 256", BatchNormBenchmark.Run),
};

var chosen = args.FirstOrDefault();
var selected = chosen == "all" ? benchmarks : benchmarks.Where(b => b.Name == chosen).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine("usage: TfNotes.Benchmarks <benchmark>|all\n" +
        string.Join("\n", benchmarks.Select(b => $"  {b.Name,-11} {b.What}")));
    return 2;
}
foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.What}");
    benchmark.Run();
    Console.WriteLine();
}
return 0;
