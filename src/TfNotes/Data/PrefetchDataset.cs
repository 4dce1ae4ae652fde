using System.Runtime.ExceptionServices;

namespace TfNotes.Data;

/// <summary>
/// <c>prefetch(buffer_size)</c>: a background thread runs the input pass and keeps up to <c>buffer_size</c> elements
/// ready; its ops run on it alone (see <see cref="Engine.IntraOpThreads"/>). The elements are made outside any step
/// and join the consumer's step when it takes them. An exception in the input reaches the consumer after the elements
/// before it. Disposing the pass stops the thread (after the element it is making), waits for it to end and frees the
/// queued elements.
/// <para><c>AUTOTUNE</c> chooses per pass, on the consumer's thread: a background thread only overlaps the consumer's
/// work on a core the consumer's libtorch team leaves free. When the team spans every core (libtorch's default), the
/// pass makes each element when asked for, as if there were no prefetch: a producer thread there could only take
/// turns with the team's threads, and the step waits at its barriers for whichever thread lost its core (on 2 cores,
/// steps stalled up to 20 ms; the pipeline benchmark's epoch: 5–17 % longer with a producer thread than fed from
/// memory, −0.3–3.6 % with each batch made when asked for).</para>
/// </summary>
internal sealed class PrefetchDataset<T> : Dataset<T>
{
    readonly Dataset<T> input;
    readonly int bufferSize;
    readonly bool autotuned;

    internal PrefetchDataset(Dataset<T> input, int bufferSize)
    {
        autotuned = bufferSize == DataApi.Autotune;
        if (bufferSize < 0 && !autotuned)
            throw new ArgumentOutOfRangeException("buffer_size", bufferSize, $"prefetch: buffer_size must be >= 0 or set buffer_size to be {DataApi.Autotune} for auto-tuning");
        (this.input, this.bufferSize) = (input, autotuned ? DataApi.AutotunedPrefetch : bufferSize);
    }

    internal override IEnumerator<T> OpenPass() =>
        bufferSize == 0 || (autotuned && !Engine.IntraOpThreads.LeavesACoreFree()) ? input.OpenPass() : new Pass(input, bufferSize);

    public override long cardinality() => input.cardinality();
    private protected override object ComputeSpec() => input.element_spec;

    /// <summary>One queue entry: an element, the input's failure, or the end of the input.</summary>
    readonly record struct Slot(T Element, ExceptionDispatchInfo? Failure, bool End);

    sealed class Pass(Dataset<T> input, int bufferSize) : IEnumerator<T>
    {
        readonly PrefetchBuffer<Slot> queue = new(bufferSize);
        Thread? producer;
        bool finished, disposed;

        public T Current { get; private set; } = default!;
        object? System.Collections.IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (finished) return false;
            if (producer is null)
            {
                producer = new Thread(Produce) { IsBackground = true, Name = "tf.data prefetch" };
                Interlocked.Increment(ref PrefetchThreads.Running);
                producer.Start();
            }
            var slot = queue.Take();
            if (slot.Failure is not null || slot.End)
            {
                finished = true;
                slot.Failure?.Throw();
                return false;
            }
            Current = Structure<T>.Of.Receive(slot.Element);
            return true;
        }

        void Produce()
        {
            try
            {
                Engine.IntraOpThreads.UseOnlyThisThread();
                using var pass = input.OpenPass();
                while (pass.MoveNext())
                    if (!queue.Add(new Slot(pass.Current, null, false)))
                    {
                        Structure<T>.Of.Free(pass.Current);
                        return;
                    }
                queue.Add(new Slot(default!, null, End: true));
            }
            catch (Exception e)
            {
                queue.Add(new Slot(default!, ExceptionDispatchInfo.Capture(e), false));
            }
            finally
            {
                Interlocked.Decrement(ref PrefetchThreads.Running);
            }
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            var left = queue.Stop();
            producer?.Join();
            foreach (var slot in left)
                if (slot.Failure is null && !slot.End) Structure<T>.Of.Free(Structure<T>.Of.Receive(slot.Element));
        }

        public void Reset() => throw new NotSupportedException("A dataset pass cannot be restarted; start a new foreach");
    }
}
