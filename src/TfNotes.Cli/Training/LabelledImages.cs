using NumSharp;
using static TfNotes.Binding;

namespace TfNotes.Cli.Training;

/// <summary>Images (n, 28, 28) of bytes 0–255 and their labels (n,) 0–9, as <c>load_data</c> returns them (borrowed, never disposed here).</summary>
public sealed record LabelledImages([property: NDBorrowed] NDArray Images, [property: NDBorrowed] NDArray Labels)
{
    readonly Lazy<(Tensor Images, Tensor Labels)> tensors =
        new(() => (tf.constant(Images).keep(), tf.constant(Labels).keep()));

    public int Count => (int)Images.shape[0];

    /// <summary>
    /// The images and labels as tensors, copied from the arrays once: every training run and evaluation over these
    /// examples (a tuning worker's trials) reads the same tensors instead of copying 40 MB per run.
    /// </summary>
    public (Tensor Images, Tensor Labels) Tensors => tensors.Value;

    /// <summary>The examples start … start + count − 1 (a view, no copy).</summary>
    public LabelledImages Slice(int start, int count)
    {
        if (start < 0 || count <= 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Slice({start}, {count}) is outside the {Count} examples");
        var rows = $"{start}:{start + count}";
        return new(Images[rows], Labels[rows]);
    }

    /// <summary>The first <paramref name="count"/> examples, or all when null or larger than the set.</summary>
    public LabelledImages Take(int? count) => count is { } n && n < Count ? Slice(0, n) : this;

    /// <summary>
    /// Fashion-MNIST's (train, test) sets from <paramref name="dataDir"/> (null: <c>load_data</c>'s usual places: the
    /// repository's data/, $TFNOTES_DATA, …). A given folder must hold the four files (or a fashion-mnist subfolder that does).
    /// </summary>
    public static (LabelledImages Train, LabelledImages Test) LoadFashionMnist(string? dataDir = null)
    {
        if (dataDir is not null && FashionMnistFolder(dataDir) is null)
            throw new DirectoryNotFoundException($"{dataDir} holds no Fashion-MNIST files ({string.Join(", ", FashionMnistFiles)})");
        var ((xTrain, yTrain), (xTest, yTest)) = tf.keras.datasets.fashion_mnist.load_data(dataDir is null ? null : FashionMnistFolder(dataDir));
        return (new(xTrain, yTrain), new(xTest, yTest));
    }

    static readonly string[] FashionMnistFiles =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary><paramref name="dataDir"/> or its fashion-mnist subfolder, whichever holds the four files; null if neither.</summary>
    public static string? FashionMnistFolder(string dataDir) =>
        new[] { dataDir, Path.Combine(dataDir, "fashion-mnist") }
            .FirstOrDefault(folder => FashionMnistFiles.All(f => File.Exists(Path.Combine(folder, f))));
}
