namespace TfNotes.Data;

/// <summary>
/// <c>shuffle(buffer_size, seed, reshuffle_each_iteration)</c> with tf.data's buffer algorithm. Over rows of in-memory
/// tensors the buffer holds row indices instead of elements: same order, far less memory.
/// </summary>
internal sealed class ShuffleDataset<T> : Dataset<T>, IPassCounter
{
    readonly Dataset<T> input;
    readonly int bufferSize;
    readonly long seed;
    readonly bool reshuffle;
    long passes;

    internal ShuffleDataset(Dataset<T> input, int bufferSize, int? seed, bool reshuffleEachIteration)
    {
        Positive(bufferSize, "buffer_size", "shuffle");
        (this.input, this.bufferSize, reshuffle) = (input, bufferSize, reshuffleEachIteration);
        this.seed = seed ?? Random.Shared.Next();
    }

    internal override RowSource<T>? Rows =>
        input.Rows is { } rows ? rows with { Order = () => Shuffle(rows.Order(), NextPassRandom(), release: null) } : null;

    internal override IEnumerator<T> OpenPass() =>
        Rows is { } rows ? rows.Elements() : Shuffle(Enumerate(input), NextPassRandom(), Structure<T>.Of.Free).GetEnumerator();

    static IEnumerable<T> Enumerate(Dataset<T> dataset)
    {
        using var pass = dataset.OpenPass();
        while (pass.MoveNext()) yield return pass.Current;
    }

    /// <summary>The seed of pass k: the same for every pass unless reshuffling; reproducible for a given seed.</summary>
    Random NextPassRandom()
    {
        long pass = reshuffle ? Interlocked.Increment(ref passes) - 1 : 0;
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)pass * 0xBF58476D1CE4E5B9UL); // SplitMix64 step
        z = unchecked((z ^ (z >> 30)) * 0x94D049BB133111EBUL);
        return new Random((int)(z ^ (z >> 31)));
    }

    /// <summary>Fill a buffer, yield a uniformly drawn item and put the next input item in its place; then drain.</summary>
    IEnumerable<TItem> Shuffle<TItem>(IEnumerable<TItem> source, Random random, Action<TItem>? release)
    {
        var buffer = new List<TItem>(Math.Min(bufferSize, 1 << 16));
        try
        {
            foreach (var item in source)
            {
                if (buffer.Count < bufferSize)
                {
                    buffer.Add(item);
                    continue;
                }
                int drawn = random.Next(buffer.Count);
                var chosen = buffer[drawn];
                buffer[drawn] = item;
                yield return chosen;
            }
            while (buffer.Count > 0)
            {
                int drawn = random.Next(buffer.Count);
                var chosen = buffer[drawn];
                buffer[drawn] = buffer[^1];
                buffer.RemoveAt(buffer.Count - 1);
                yield return chosen;
            }
        }
        finally
        {
            if (release is not null) foreach (var item in buffer) release(item);
        }
    }

    /// <summary>The passes started so far: pass k draws the order of seed and k, so a checkpoint holding this resumes the order.</summary>
    long IPassCounter.Passes
    {
        get => Interlocked.Read(ref passes);
        set => Interlocked.Exchange(ref passes, value);
    }

    public override long cardinality() => input.cardinality();
    private protected override object ComputeSpec() => input.element_spec;
}
