using System.Runtime.CompilerServices;
using TfNotes.Data;
using TorchSharp;
using static TfNotes.Binding;

namespace TfNotes.Keras.Trainers;

/// <summary>
/// What <c>fit</c>, <c>evaluate</c> and <c>predict</c> iterate (Keras' data adapters): a tf.data Dataset of (x, y)
/// batches as given, or in-memory x and y (tensors, NumSharp or .NET arrays) made into
/// <c>from_tensor_slices((x, y)).shuffle(n).batch(batch_size)</c> — shuffled each epoch, each batch gathered at once.
/// </summary>
internal sealed class TrainingData
{
    readonly Dataset<(Tensor, Tensor)>? dataset;
    readonly Tensor? x, y;
    readonly int batchSize;
    readonly bool shuffle;
    readonly int seed;

    TrainingData(Dataset<(Tensor, Tensor)>? dataset, Tensor? x, Tensor? y, int batchSize, bool shuffle)
    {
        (this.dataset, this.x, this.y, this.batchSize, this.shuffle) = (dataset, x, y, batchSize, shuffle);
        // From libtorch's generator, so tf.random.set_seed makes the shuffle order reproducible, as Keras' seeded shuffle.
        using var draw = torch.randint(int.MaxValue, [1], dtype: torch.ScalarType.Int64);
        seed = (int)draw.ToInt64();
    }

    /// <summary>The in-memory examples, if any (what <c>validation_split</c> splits).</summary>
    internal (Tensor X, Tensor Y)? Arrays => x is null ? null : (x, y!);

    /// <summary>Batches per epoch, or null when the dataset cannot tell.</summary>
    internal long? Steps
    {
        get
        {
            if (x is not null) return (x.shape[0] + batchSize - 1) / batchSize;
            long n = dataset!.cardinality();
            return n >= 0 ? n : null;
        }
    }

    /// <summary>The batches; one pipeline for every epoch (its shuffle draws a new order on each pass).</summary>
    internal Dataset<(Tensor, Tensor)> Batches()
    {
        if (dataset is not null) return dataset;
        if (batches is null)
        {
            var slices = tf.data.Dataset.from_tensor_slices((x!, y!));
            if (shuffle) slices = slices.shuffle((int)x!.shape[0], seed: seed);
            batches = slices.batch(batchSize);
        }
        return batches;
    }

    Dataset<(Tensor, Tensor)>? batches;

    /// <summary>Data for <c>fit</c>/<c>evaluate</c>: a Dataset (then <paramref name="y"/> must be null) or x with labels y.</summary>
    internal static TrainingData Of(object? x, object? y, int? batchSize, bool shuffle, string method)
    {
        if (batchSize is <= 0) throw new ArgumentOutOfRangeException("batch_size", batchSize, $"{method}: `batch_size` must be positive");
        if (x is Dataset<(Tensor, Tensor)> batches)
        {
            if (y is not null)
                throw new ArgumentException($"{method}: `y` argument is not supported when using a tf.data.Dataset as input (it yields (x, y) batches)", nameof(y));
            return new(batches, null, null, 0, false);
        }
        if (x is null) throw new ArgumentNullException(nameof(x), $"{method}: `x` must be given (an array, a tensor or a tf.data.Dataset of (x, y) batches)");
        if (x is Dataset<Tensor>)
            throw new ArgumentException($"{method}: a Dataset of single tensors has no labels; give a Dataset of (x, y) pairs (e.g. Dataset.zip)", nameof(x));
        if (y is null) throw new ArgumentNullException(nameof(y), $"{method}: `y` (the labels) must be given with array or tensor `x`");
        var (features, labels) = (Convert(x, nameof(x), method), Convert(y, nameof(y), method));
        CheckSameLength(features, labels);
        return new(null, features, labels, batchSize ?? 32, shuffle);
    }

    /// <summary><c>fit(validation_data: …)</c>: an (x, y) pair or a Dataset of (x, y) batches.</summary>
    internal static TrainingData OfValidation(object validation, int batchSize) => validation switch
    {
        Dataset<(Tensor, Tensor)> batches => new(batches, null, null, 0, false),
        ValueTuple<Tensor, Tensor> pair => Of(pair.Item1, pair.Item2, batchSize, shuffle: false, "fit"),
        ValueTuple<object, object> pair => Of(pair.Item1, pair.Item2, batchSize, shuffle: false, "fit"),
        ITuple { Length: 2 } pair => Of(pair[0], pair[1], batchSize, shuffle: false, "fit"),
        _ => throw new ArgumentException($"fit: `validation_data` must be an (x, y) pair or a tf.data.Dataset of (x, y) batches. Received: {validation.GetType().Name}",
            "validation_data"),
    };

    /// <summary>Keras' <c>train_validation_split</c>: the last <paramref name="split"/> of the examples validate, in order.</summary>
    internal (TrainingData Train, TrainingData Validation) Split(double split)
    {
        if (Arrays is not var (features, labels))
            throw new ArgumentException("Argument `validation_split` is only supported for tensors or NumPy arrays, not for a tf.data.Dataset; " +
                "pass `validation_data` instead", "validation_split");
        long n = features.shape[0];
        long at = (long)Math.Floor(n * (1.0 - split));
        if (at == 0 || at == n)
            throw new ArgumentException($"Training data contains {n} samples, which is not sufficient to split it into a validation and training set " +
                $"as specified by `validation_split={split}`. Either provide more data, or a different value for the `validation_split` argument.", "validation_split");
        return (new(null, Rows(features, 0, at), Rows(labels, 0, at), batchSize, shuffle),
                new(null, Rows(features, at, n - at), Rows(labels, at, n - at), batchSize, false));
    }

    static Tensor Rows(Tensor t, long start, long count) => Tensor.Unowned(t.Native.detach().narrow(0, start, count));

    internal static Tensor Convert(object value, string argument, string method) => value switch
    {
        Tensor t => t,
        _ => TensorConversion.FromObject(value, null, null, argument),
    };

    static void CheckSameLength(Tensor x, Tensor y)
    {
        if (x.ndim == 0 || y.ndim == 0 || x.shape[0] != y.shape[0])
            throw new ArgumentException("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. " +
                $"'x' sizes: {(x.ndim == 0 ? "a scalar" : x.shape[0])}, 'y' sizes: {(y.ndim == 0 ? "a scalar" : y.shape[0])} (x shape {x.shape}, y shape {y.shape})");
    }
}
