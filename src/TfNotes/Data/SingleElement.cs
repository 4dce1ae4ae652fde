namespace TfNotes.Data;

/// <summary><c>get_single_element()</c>: the only element of a dataset.</summary>
internal static class SingleElement
{
    internal static T Of<T>(Dataset<T> dataset)
    {
        using var pass = dataset.OpenPass();
        if (!pass.MoveNext()) throw new InvalidArgumentError("get_single_element: Dataset was empty.");
        var element = pass.Current;
        if (pass.MoveNext())
        {
            Structure<T>.Of.Free(element);
            Structure<T>.Of.Free(pass.Current);
            throw new InvalidArgumentError("get_single_element: Dataset had more than one element.");
        }
        return UserFunction.ToCaller(element);
    }
}
