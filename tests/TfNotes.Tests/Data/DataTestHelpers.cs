using TfNotes.Data;
using TfNotes.TestSupport;

namespace TfNotes.Tests.Data;

/// <summary>Tests that read process-wide counters (live tensors, running producers, the current directory) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Isolated
{
    public const string Name = "process-wide counters";
}

internal static class DataTestHelpers
{
    /// <summary>The scalar elements of a pass as longs (each read inside its own step).</summary>
    internal static List<long> Longs(this Dataset<Tensor> dataset) => dataset.Select(t => (long)t).ToList();

    /// <summary>A step that ends at once: the tensors of the steps before it that nobody read since are freed then.</summary>
    internal static void AFurtherStep()
    {
        using var _ = Binding.tf.GradientTape();
    }

    internal static string FashionMnistFolder => Repository.Path("data", "fashion-mnist");
}

/// <summary>Tests that each run in a new folder under the temporary directory, deleted with what it holds after the test.</summary>
public abstract class InTemporaryFolder(string prefix) : IDisposable
{
    protected string Folder { get; } = Scratch.Folder(prefix).FullName;

    public void Dispose()
    {
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
