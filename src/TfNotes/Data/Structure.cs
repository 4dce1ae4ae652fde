using System.Runtime.CompilerServices;

namespace TfNotes.Data;

/// <summary>
/// How a dataset element of type <typeparamref name="T"/> is made of tensors, as tf.data's nested structures: a
/// <see cref="Tensor"/>, a tuple of 2 or 3 elements (nested structures themselves), or a
/// <c>Dictionary&lt;string, Tensor&gt;</c>. Leaves are visited in a fixed order (tuple items, then dictionary keys in
/// insertion order), which is how stages line up the components of different elements. Element specs have the same
/// shape with <see cref="TensorSpec"/> leaves.
/// </summary>
internal abstract class Structure<T>
{
    static readonly Structure<T>? instance = (Structure<T>?)StructureFactory.For(typeof(T));

    /// <summary>The structure of <typeparamref name="T"/>; throws when it is not a supported element type.</summary>
    internal static Structure<T> Of => instance ?? throw new NotSupportedException(
        $"A Dataset element must be a Tensor, a tuple of 2 or 3 elements (e.g. (Tensor, Tensor)) or a Dictionary<string, Tensor>; got {typeof(T)}");

    internal abstract IEnumerable<Tensor> Leaves(T element);

    /// <summary>The same structure with each leaf replaced by <paramref name="leaf"/>(leaf), in leaf order.</summary>
    internal abstract T Select(T element, Func<Tensor, Tensor> leaf);

    /// <summary>An element of this structure from a spec of the same structure.</summary>
    internal abstract T Build(object spec, Func<TensorSpec, Tensor> leaf);

    internal abstract object Spec(T element);

    /// <summary>Combines two specs of this structure leaf by leaf.</summary>
    internal abstract object ZipSpecs(object a, object b, Func<TensorSpec, TensorSpec, TensorSpec> leaf);

    internal object MapSpec(object spec, Func<TensorSpec, TensorSpec> leaf) => ZipSpecs(spec, spec, (s, _) => leaf(s));

    internal void Free(T element)
    {
        foreach (var tensor in Leaves(element)) tensor.Dispose();
    }

    /// <summary>Takes over an element another thread made and handed over (see <see cref="Tensor.Receive"/>).</summary>
    internal T Receive(T element)
    {
        foreach (var tensor in Leaves(element)) tensor.Receive();
        return element;
    }

    internal void Adopt(T element, StepScope scope)
    {
        foreach (var tensor in Leaves(element)) tensor.Adopt(scope);
    }
}

file static class StructureFactory
{
    internal static object? For(Type type)
    {
        if (type == typeof(Tensor)) return new TensorStructure();
        if (type == typeof(Dictionary<string, Tensor>)) return new DictionaryStructure();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        var items = type.GetGenericArguments();
        var shape = definition == typeof(ValueTuple<,>) ? typeof(PairStructure<,>)
            : definition == typeof(ValueTuple<,,>) ? typeof(TripleStructure<,,>) : null;
        if (shape is null || items.Any(item => For(item) is null)) return null;
        return Activator.CreateInstance(shape.MakeGenericType(items));
    }

    internal static object Tuple(params object[] items) =>
        Activator.CreateInstance(items.Length == 2 ? typeof(ValueTuple<,>).MakeGenericType(items[0].GetType(), items[1].GetType())
            : typeof(ValueTuple<,,>).MakeGenericType(items[0].GetType(), items[1].GetType(), items[2].GetType()), items)!;
}

file sealed class TensorStructure : Structure<Tensor>
{
    internal override IEnumerable<Tensor> Leaves(Tensor element) => [element];
    internal override Tensor Select(Tensor element, Func<Tensor, Tensor> leaf) => leaf(element);
    internal override Tensor Build(object spec, Func<TensorSpec, Tensor> leaf) => leaf((TensorSpec)spec);
    internal override object Spec(Tensor element) => new TensorSpec(element.shape, element.dtype);
    internal override object ZipSpecs(object a, object b, Func<TensorSpec, TensorSpec, TensorSpec> leaf) => leaf((TensorSpec)a, (TensorSpec)b);
}

file sealed class DictionaryStructure : Structure<Dictionary<string, Tensor>>
{
    internal override IEnumerable<Tensor> Leaves(Dictionary<string, Tensor> element) => element.Values;
    internal override Dictionary<string, Tensor> Select(Dictionary<string, Tensor> element, Func<Tensor, Tensor> leaf) =>
        element.ToDictionary(kv => kv.Key, kv => leaf(kv.Value));
    internal override Dictionary<string, Tensor> Build(object spec, Func<TensorSpec, Tensor> leaf) =>
        ((Dictionary<string, TensorSpec>)spec).ToDictionary(kv => kv.Key, kv => leaf(kv.Value));
    internal override object Spec(Dictionary<string, Tensor> element) =>
        element.ToDictionary(kv => kv.Key, kv => new TensorSpec(kv.Value.shape, kv.Value.dtype));
    internal override object ZipSpecs(object a, object b, Func<TensorSpec, TensorSpec, TensorSpec> leaf)
    {
        var right = (Dictionary<string, TensorSpec>)b;
        return ((Dictionary<string, TensorSpec>)a).ToDictionary(kv => kv.Key, kv => leaf(kv.Value, right[kv.Key]));
    }
}

file sealed class PairStructure<A, B> : Structure<(A, B)>
{
    readonly Structure<A> a = Structure<A>.Of;
    readonly Structure<B> b = Structure<B>.Of;

    internal override IEnumerable<Tensor> Leaves((A, B) e) => a.Leaves(e.Item1).Concat(b.Leaves(e.Item2));
    internal override (A, B) Select((A, B) e, Func<Tensor, Tensor> leaf) => (a.Select(e.Item1, leaf), b.Select(e.Item2, leaf));
    internal override (A, B) Build(object spec, Func<TensorSpec, Tensor> leaf) =>
        (a.Build(((ITuple)spec)[0]!, leaf), b.Build(((ITuple)spec)[1]!, leaf));
    internal override object Spec((A, B) e) => StructureFactory.Tuple(a.Spec(e.Item1), b.Spec(e.Item2));
    internal override object ZipSpecs(object x, object y, Func<TensorSpec, TensorSpec, TensorSpec> leaf)
    {
        var (l, r) = ((ITuple)x, (ITuple)y);
        return StructureFactory.Tuple(a.ZipSpecs(l[0]!, r[0]!, leaf), b.ZipSpecs(l[1]!, r[1]!, leaf));
    }
}

file sealed class TripleStructure<A, B, C> : Structure<(A, B, C)>
{
    readonly Structure<A> a = Structure<A>.Of;
    readonly Structure<B> b = Structure<B>.Of;
    readonly Structure<C> c = Structure<C>.Of;

    internal override IEnumerable<Tensor> Leaves((A, B, C) e) => a.Leaves(e.Item1).Concat(b.Leaves(e.Item2)).Concat(c.Leaves(e.Item3));
    internal override (A, B, C) Select((A, B, C) e, Func<Tensor, Tensor> leaf) =>
        (a.Select(e.Item1, leaf), b.Select(e.Item2, leaf), c.Select(e.Item3, leaf));
    internal override (A, B, C) Build(object spec, Func<TensorSpec, Tensor> leaf)
    {
        var s = (ITuple)spec;
        return (a.Build(s[0]!, leaf), b.Build(s[1]!, leaf), c.Build(s[2]!, leaf));
    }
    internal override object Spec((A, B, C) e) => StructureFactory.Tuple(a.Spec(e.Item1), b.Spec(e.Item2), c.Spec(e.Item3));
    internal override object ZipSpecs(object x, object y, Func<TensorSpec, TensorSpec, TensorSpec> leaf)
    {
        var (l, r) = ((ITuple)x, (ITuple)y);
        return StructureFactory.Tuple(a.ZipSpecs(l[0]!, r[0]!, leaf), b.ZipSpecs(l[1]!, r[1]!, leaf), c.ZipSpecs(l[2]!, r[2]!, leaf));
    }
}
