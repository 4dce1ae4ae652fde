using NumSharp;
using TfNotes.Keras.Datasets;
using static TfNotes.Binding;

namespace TfNotes.Cli.Training;

/// <summary>
/// Images (n, 28, 28) of bytes 0–255 and their labels (n,) 0–9 as tensors, copied once from the arrays
/// <c>load_data</c> returns: every training run and evaluation over these examples (a tuning worker's trials, the
/// validation split) reads views of the same two tensors instead of copying 47 MB per run.
/// </summary>
public sealed record LabelledImages(Tensor Images, Tensor Labels)
{
    LabelledImages(NDArray images, NDArray labels) : this(tf.constant(images).keep(), tf.constant(labels).keep()) { }

    public int Count => (int)Images.shape[0];

    public (Tensor Images, Tensor Labels) Tensors => (Images, Labels);

    /// <summary>The examples start … start + count − 1 (a view, no copy).</summary>
    public LabelledImages Slice(int start, int count)
    {
        if (start < 0 || count <= 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Slice({start}, {count}) is outside the {Count} examples");
        var rows = TensorIndex.Slice(start, start + count);
        return new(Images[rows].keep(), Labels[rows].keep());
    }

    /// <summary>The first <paramref name="count"/> examples, or all when null or larger than the set.</summary>
    public LabelledImages Take(int? count) => count is { } n && n < Count ? Slice(0, n) : this;

    /// <summary>
    /// Fashion-MNIST's (train, test) sets from <paramref name="dataDir"/> (null: <c>load_data</c>'s usual places:
    /// $TFNOTES_DATA, the repository's data/, Debian's dataset-fashion-mnist, …). A given folder must hold the four
    /// files (or a fashion-mnist subfolder that does).
    /// </summary>
    public static (LabelledImages Train, LabelledImages Test) LoadFashionMnist(string? dataDir = null)
    {
        var folder = dataDir is null ? null : FashionMnistFolder(dataDir)
            ?? throw new DirectoryNotFoundException($"{dataDir} holds no Fashion-MNIST files ({string.Join(", ", FashionMnist.FileNames)})");
        var ((xTrain, yTrain), (xTest, yTest)) = tf.keras.datasets.fashion_mnist.load_data(folder);
        RequireClasses(yTrain, "train-labels-idx1-ubyte.gz");
        RequireClasses(yTest, "t10k-labels-idx1-ubyte.gz");
        return (new(xTrain, yTrain), new(xTest, yTest));
    }

    /// <summary>A label outside 0–9 is bad data: named here, before any run starts, rather than by the loss mid-run.</summary>
    static void RequireClasses(NDArray labels, string file)
    {
        var values = labels.ToArray<byte>();
        int at = Array.FindIndex(values, label => label >= Trainer.Classes);
        if (at >= 0)
            throw new InvalidDataException($"{file} holds label {values[at]} at index {at}, outside the classes 0–{Trainer.Classes - 1}: the file is corrupt; get it again");
    }

    /// <summary><paramref name="dataDir"/> or its fashion-mnist subfolder, whichever holds the four files; null if neither.</summary>
    public static string? FashionMnistFolder(string dataDir) => FashionMnist.FolderWithFiles(dataDir);
}
