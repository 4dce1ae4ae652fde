namespace TfNotes.Data;

/// <summary>
/// The bounded queue between a prefetch thread and its consumer. A producer that finds it full sleeps until the
/// consumer has taken half of it, then refills it in one go: it wakes once per half buffer rather than once per
/// element. Every wake-up of the producer takes a core from the training step, whose libtorch thread team stalls at
/// its next barrier until the core comes back, so fewer, longer runs cost the consumer less.
/// </summary>
internal sealed class PrefetchBuffer<TItem>(int capacity)
{
    readonly Queue<TItem> items = new();
    readonly int refillAt = capacity / 2;
    bool producerWaiting, consumerWaiting, stopped;

    /// <summary>Adds an item, waiting for room; false (the item not added) once <see cref="Stop"/> was called.</summary>
    internal bool Add(TItem item)
    {
        lock (items)
        {
            if (items.Count >= capacity)
            {
                producerWaiting = true;
                while (items.Count > refillAt && !stopped) Monitor.Wait(items);
                producerWaiting = false;
            }
            if (stopped) return false;
            items.Enqueue(item);
            if (consumerWaiting) Monitor.PulseAll(items);
            return true;
        }
    }

    /// <summary>The next item, waiting for the producer if there is none yet.</summary>
    internal TItem Take()
    {
        lock (items)
        {
            consumerWaiting = true;
            while (items.Count == 0) Monitor.Wait(items);
            consumerWaiting = false;
            var item = items.Dequeue();
            if (producerWaiting && items.Count <= refillAt) Monitor.PulseAll(items);
            return item;
        }
    }

    /// <summary>Wakes a waiting producer for good and returns what is left in the queue.</summary>
    internal List<TItem> Stop()
    {
        lock (items)
        {
            stopped = true;
            Monitor.PulseAll(items);
            var left = items.ToList();
            items.Clear();
            return left;
        }
    }
}
