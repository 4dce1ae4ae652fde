namespace TfNotes.Data;

/// <summary><c>tf.data</c>: input pipelines.</summary>
public sealed class DataApi
{
    internal DataApi() { }

    /// <summary>Lets tf.data choose a parallelism or buffer size (<c>map</c>'s num_parallel_calls, <c>prefetch</c>).</summary>
    public int AUTOTUNE => Autotune;
    /// <summary><c>tf.data.INFINITE_CARDINALITY</c> (−1): what <c>cardinality()</c> returns for a dataset that never
    /// ends (<c>repeat()</c>).</summary>
    public long INFINITE_CARDINALITY => InfiniteCardinality;
    /// <summary><c>tf.data.UNKNOWN_CARDINALITY</c> (−2): what <c>cardinality()</c> returns when the number of elements
    /// cannot be known without iterating (<c>filter</c>).</summary>
    public long UNKNOWN_CARDINALITY => UnknownCardinality;

    // Constants for code that has no tf object at hand (instance members above so that tf.data.AUTOTUNE compiles).
    internal const int Autotune = -1;
    internal const long InfiniteCardinality = -1;
    internal const long UnknownCardinality = -2;

    /// <summary><c>tf.data.Dataset</c>: the dataset constructors (<c>from_tensor_slices</c>, <c>range</c>,
    /// <c>zip</c>…).</summary>
    public DatasetSources Dataset { get; } = new();

    /// <summary><c>tf.data.experimental</c>: <c>Counter</c>.</summary>
    public ExperimentalDataApi experimental { get; } = new();

    /// <summary>The worker threads of <c>map(…, num_parallel_calls: AUTOTUNE)</c>.</summary>
    internal static int AutotunedParallelism => Environment.ProcessorCount;

    /// <summary>The elements <c>prefetch(AUTOTUNE)</c> produces ahead (refilled from half, see <see cref="PrefetchBuffer{TItem}"/>).</summary>
    internal const int AutotunedPrefetch = 8;
}
