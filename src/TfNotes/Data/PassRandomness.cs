using TorchSharp;

namespace TfNotes.Data;

/// <summary>
/// The random state of a dataset function during one pass. In TensorFlow each new iterator instantiates the
/// function's random ops afresh, so an op given a <c>seed</c> inside <c>map</c> restarts its sequence on every pass;
/// here each pass gets its own generators for op seeds (derived from the global seed as outside datasets) while its
/// function calls run. Ops without a seed draw from the global generator, as outside datasets.
/// </summary>
internal sealed class PassRandomness
{
    [ThreadStatic] static PassRandomness? current;
    readonly Dictionary<long, torch.Generator> generators = [];

    /// <summary>The pass whose function is running on this thread, if any.</summary>
    internal static PassRandomness? Current => current;

    /// <summary>This pass's generator for op seed <paramref name="seed"/>, started from <paramref name="derivedSeed"/> on first use.</summary>
    internal torch.Generator Generator(long seed, ulong derivedSeed)
    {
        lock (generators)
        {
            if (!generators.TryGetValue(seed, out var g)) generators[seed] = g = new torch.Generator(derivedSeed);
            return g;
        }
    }

    /// <summary>Makes this the current pass on this thread until the result is disposed.</summary>
    internal Entered Enter()
    {
        var previous = current;
        current = this;
        return new Entered(previous);
    }

    internal readonly struct Entered(PassRandomness? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}
