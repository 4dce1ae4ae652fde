namespace TfNotes.Data;

/// <summary>
/// The tensors that datasets made inside a <c>flat_map</c> or <c>interleave</c> function capture (e.g.
/// <c>from_tensors(x)</c>): collected while the function runs, so the stage frees them once it has read that
/// dataset to its end, instead of leaving one handle per input element to the garbage collector.
/// </summary>
internal static class Captures
{
    [ThreadStatic] static List<Tensor>? current;

    /// <summary>A dataset's captured handle: noted when a function's captures are being collected on this thread.</summary>
    internal static Tensor Register(Tensor captured)
    {
        current?.Add(captured);
        return captured;
    }

    /// <summary>Collects the captures made on this thread into <paramref name="into"/> until the result is disposed.</summary>
    internal static Collecting Collect(List<Tensor> into)
    {
        var previous = current;
        current = into;
        return new Collecting(previous);
    }

    internal readonly struct Collecting(List<Tensor>? previous) : IDisposable
    {
        public void Dispose() => current = previous;
    }
}
