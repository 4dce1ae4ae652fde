namespace TfNotes.Data;

/// <summary>
/// The enumerator of a <c>foreach</c> over a dataset: each element it yields is adopted into a new step, which ends
/// (freeing the element and whatever the loop body made from it) when the next element is asked for or the loop ends.
/// </summary>
internal sealed class StepEnumerator<T>(IEnumerator<T> pass) : IEnumerator<T>
{
    StepScope? step;

    public T Current { get; private set; } = default!;
    object? System.Collections.IEnumerator.Current => Current;

    public bool MoveNext()
    {
        EndStep();
        if (!pass.MoveNext()) return false;
        Current = pass.Current;
        step = StepScope.Begin(StepScope.Kind.Pass);
        Structure<T>.Of.Adopt(Current, step);
        return true;
    }

    public void Dispose()
    {
        EndStep();
        pass.Dispose();
    }

    void EndStep()
    {
        step?.Dispose();
        step = null;
    }

    public void Reset() => throw new NotSupportedException("A dataset pass cannot be restarted; start a new foreach");
}
