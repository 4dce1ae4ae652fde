namespace TfNotes.Data;

/// <summary>
/// <c>interleave(map_func, cycle_length, block_length, num_parallel_calls, deterministic)</c> with TensorFlow's order:
/// <c>cycle_length</c> input elements are open at once, each a dataset made by <c>map_func</c>; the cycle takes
/// <c>block_length</c> elements from each in turn, and a dataset that ends is replaced by the next input element's
/// in its place. With <c>num_parallel_calls</c>, each open dataset's elements are made ahead on a thread of its own;
/// the order stays the same (TensorFlow's <c>deterministic: false</c> allows another order but does not require one).
/// </summary>
internal sealed class InterleaveDataset<T, TOut> : Dataset<TOut>
{
    readonly Dataset<T> input;
    readonly Func<T, Dataset<TOut>> function;
    readonly int cycleLength, blockLength;
    readonly bool parallel;

    internal InterleaveDataset(Dataset<T> input, Func<T, Dataset<TOut>> function, int cycleLength, int blockLength, int? numParallelCalls)
    {
        if (cycleLength != DataApi.Autotune) Positive(cycleLength, "cycle_length", "interleave");
        Positive(blockLength, "block_length", "interleave");
        if (numParallelCalls is { } calls && calls != DataApi.Autotune) Positive(calls, "num_parallel_calls", "interleave");
        (this.input, this.function, this.blockLength, parallel) = (input, function, blockLength, numParallelCalls is not null);
        this.cycleLength = cycleLength == DataApi.Autotune ? Environment.ProcessorCount : cycleLength;
    }

    internal override IEnumerator<TOut> OpenPass()
    {
        var randomness = new PassRandomness();
        var slots = new InnerPass<T, TOut>?[cycleLength];
        Func<Dataset<TOut>, IEnumerator<TOut>> open = parallel ? d => new PrefetchDataset<TOut>(d, Math.Max(blockLength, 2)).OpenPass() : d => d.OpenPass();
        using var pass = input.OpenPass();
        try
        {
            bool inputEnded = false;
            int opened = 0, index = 0, taken = 0;
            long position = 0;
            void Next() => (index, taken) = ((index + 1) % cycleLength, 0);
            while (!inputEnded || opened > 0)
            {
                if (slots[index] is { } slot)
                {
                    if (slot.Pass.MoveNext())
                    {
                        var element = slot.Pass.Current;
                        if (++taken == blockLength) Next();
                        yield return element;
                        continue;
                    }
                    slot.Dispose();
                    slots[index] = null;
                    opened--;
                    Next();
                }
                else if (!inputEnded && pass.MoveNext())
                {
                    slots[index] = InnerPass<T, TOut>.Open(pass.Current, function, randomness, "interleave", position++, open);
                    opened++;
                }
                else
                {
                    inputEnded = true;
                    Next();
                }
            }
        }
        finally
        {
            foreach (var slot in slots) slot?.Dispose();
        }
    }

    public override long cardinality() => DataApi.UnknownCardinality;
    private protected override object ComputeSpec() => InnerPass<T, TOut>.SpecOf(function, input.element_spec, "interleave");
}
