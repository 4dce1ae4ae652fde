using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace TfNotes.Data;

/// <summary>
/// How a dataset element is made of tensors, as tf.data's nested structures: a <see cref="Tensor"/>, a tuple of 2 to 7
/// elements (nested structures themselves), or a <c>Dictionary&lt;string, Tensor&gt;</c>. Leaves are visited in a
/// fixed order (tuple items, then dictionary keys in insertion order), which is how stages line up the components of
/// different elements. Element specs have the same shape with <see cref="TensorSpec"/> leaves. This untyped face lets
/// a tuple's structure reach its items' structures.
/// </summary>
internal abstract class Structure
{
    internal abstract IEnumerable<Tensor> LeavesOf(object element);
    internal abstract object SelectOf(object element, Func<Tensor, Tensor> leaf);
    internal abstract object BuildOf(object spec, Func<TensorSpec, Tensor> leaf);
    internal abstract object SpecOf(object element);

    /// <summary>Combines two specs of this structure leaf by leaf.</summary>
    internal abstract object ZipSpecs(object a, object b, Func<TensorSpec, TensorSpec, TensorSpec> leaf);

    internal object MapSpec(object spec, Func<TensorSpec, TensorSpec> leaf) => ZipSpecs(spec, spec, (s, _) => leaf(s));

    internal void FreeOf(object element)
    {
        foreach (var tensor in LeavesOf(element)) tensor.Dispose();
    }

    /// <summary>The leaves of a spec of this structure, in leaf order.</summary>
    internal List<TensorSpec> SpecLeaves(object spec)
    {
        var leaves = new List<TensorSpec>();
        MapSpec(spec, s => { leaves.Add(s); return s; });
        return leaves;
    }

    /// <summary>Whether an element holds datasets (<c>window</c>'s), which stages that stack components refuse.</summary>
    internal virtual bool HoldsDatasets => false;

    /// <summary>Throws for a stage that stacks or splits components when the elements hold datasets.</summary>
    internal void RefuseDatasets(string op)
    {
        if (HoldsDatasets)
            throw new NotSupportedException($"{op}: the elements hold datasets (e.g. windows), whose elements cannot be stacked into one " +
                $"tensor; apply {op} to each of them instead, e.g. flat_map(w => w.batch(n))");
    }

    /// <summary>The structure of <paramref name="type"/>, or null when it is not a supported element type.</summary>
    internal static Structure? For(Type type)
    {
        if (type == typeof(Tensor)) return new TensorStructure();
        if (type == typeof(Dictionary<string, Tensor>)) return new DictionaryStructure();
        if (!type.IsGenericType) return null;
        if (type.GetGenericTypeDefinition() == typeof(Dataset<>))
            return For(type.GetGenericArguments()[0]) is null ? null
                : (Structure)Activator.CreateInstance(typeof(DatasetStructure<>).MakeGenericType(type.GetGenericArguments()))!;
        if (Array.IndexOf(TupleTypes, type.GetGenericTypeDefinition()) < 0) return null;
        var items = type.GetGenericArguments().Select(For).ToArray();
        if (items.Any(item => item is null)) return null;
        return (Structure)Activator.CreateInstance(typeof(TupleStructure<>).MakeGenericType(type), [items])!;
    }

    /// <summary>ValueTuple`2 … ValueTuple`7 (an eighth item would nest a tuple in TRest).</summary>
    static readonly Type[] TupleTypes = [typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>),
        typeof(ValueTuple<,,,,>), typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>)];

    /// <summary>A value tuple of <paramref name="items"/> (specs of the items of a tuple structure).</summary>
    internal static object Tuple(object[] items) =>
        Activator.CreateInstance(TupleTypes[items.Length - 2].MakeGenericType(items.Select(i => i.GetType()).ToArray()), items)!;
}

/// <summary>The structure of elements of type <typeparamref name="T"/>.</summary>
internal abstract class Structure<T> : Structure
{
    static readonly Structure<T>? instance = (Structure<T>?)For(typeof(T));

    /// <summary>The structure of <typeparamref name="T"/>; throws when it is not a supported element type.</summary>
    internal static Structure<T> Of => instance ?? throw new NotSupportedException(
        $"A Dataset element must be a Tensor, a tuple of 2 to 7 elements (e.g. (Tensor, Tensor)), a Dictionary<string, Tensor> " +
        $"or a Dataset of such elements; got {typeof(T)}");

    internal abstract IEnumerable<Tensor> Leaves(T element);

    /// <summary>The same structure with each leaf replaced by <paramref name="leaf"/>(leaf), in leaf order.</summary>
    internal abstract T Select(T element, Func<Tensor, Tensor> leaf);

    /// <summary>An element of this structure from a spec of the same structure.</summary>
    internal abstract T Build(object spec, Func<TensorSpec, Tensor> leaf);

    internal abstract object Spec(T element);

    /// <summary>The tuple of <paramref name="items"/> (elements of its items' structures).</summary>
    internal virtual T Compose(object[] items) => throw new NotSupportedException($"{typeof(T)} is not a tuple");

    internal sealed override IEnumerable<Tensor> LeavesOf(object element) => Leaves((T)element);
    internal sealed override object SelectOf(object element, Func<Tensor, Tensor> leaf) => Select((T)element, leaf)!;
    internal sealed override object BuildOf(object spec, Func<TensorSpec, Tensor> leaf) => Build(spec, leaf)!;
    internal sealed override object SpecOf(object element) => Spec((T)element);

    internal void Free(T element) => FreeOf(element!);

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

/// <summary>A value tuple whose items are structures: items are read through <see cref="ITuple"/> and the tuple is
/// made by a constructor call compiled once per tuple type.</summary>
file sealed class TupleStructure<T>(Structure[] items) : Structure<T>
{
    static readonly Func<object[], T> create = Constructor();

    static Func<object[], T> Constructor()
    {
        var values = Expression.Parameter(typeof(object[]));
        var types = typeof(T).GetGenericArguments();
        var arguments = types.Select((type, i) => Expression.Convert(Expression.ArrayIndex(values, Expression.Constant(i)), type));
        return Expression.Lambda<Func<object[], T>>(Expression.New(typeof(T).GetConstructor(types)!, arguments), values).Compile();
    }

    object[] Each(object tuple, Func<Structure, object, object> item)
    {
        var t = (ITuple)tuple;
        var result = new object[items.Length];
        for (int i = 0; i < items.Length; i++) result[i] = item(items[i], t[i]!);
        return result;
    }

    internal override IEnumerable<Tensor> Leaves(T element)
    {
        var t = (ITuple)element!;
        for (int i = 0; i < items.Length; i++)
            foreach (var leaf in items[i].LeavesOf(t[i]!)) yield return leaf;
    }

    internal override bool HoldsDatasets => items.Any(item => item.HoldsDatasets);
    internal override T Compose(object[] values) => create(values);
    internal override T Select(T element, Func<Tensor, Tensor> leaf) => create(Each(element!, (s, item) => s.SelectOf(item, leaf)));
    internal override T Build(object spec, Func<TensorSpec, Tensor> leaf) => create(Each(spec, (s, item) => s.BuildOf(item, leaf)));
    internal override object Spec(T element) => Tuple(Each(element!, (s, item) => s.SpecOf(item)));

    internal override object ZipSpecs(object a, object b, Func<TensorSpec, TensorSpec, TensorSpec> leaf)
    {
        var right = (ITuple)b;
        int i = 0;
        return Tuple(Each(a, (s, item) => s.ZipSpecs(item, right[i++]!, leaf)));
    }
}

/// <summary>A dataset as a component (TensorFlow's DatasetSpec): a <see cref="Window{T}"/>'s leaves are the tensors of
/// its elements, so the element's step frees them; any other dataset holds no tensors of a step.</summary>
file sealed class DatasetStructure<T> : Structure<Dataset<T>>
{
    internal override bool HoldsDatasets => true;

    internal override IEnumerable<Tensor> Leaves(Dataset<T> element) =>
        element is Window<T> window ? window.Elements.SelectMany(Structure<T>.Of.Leaves) : [];

    internal override Dataset<T> Select(Dataset<T> element, Func<Tensor, Tensor> leaf) =>
        element is Window<T> window ? new Window<T>(window.Elements.Select(e => Structure<T>.Of.Select(e, leaf)).ToList(), window.element_spec) : element;

    /// <summary>A window of one element built from the spec (how a function taking windows is probed).</summary>
    internal override Dataset<T> Build(object spec, Func<TensorSpec, Tensor> leaf)
    {
        var elementSpec = ((DatasetSpec)spec).element_spec;
        return new Window<T>([Structure<T>.Of.Build(elementSpec, leaf)], elementSpec);
    }

    internal override object Spec(Dataset<T> element) => new DatasetSpec(element.element_spec);

    internal override object ZipSpecs(object a, object b, Func<TensorSpec, TensorSpec, TensorSpec> leaf) =>
        new DatasetSpec(Structure<T>.Of.ZipSpecs(((DatasetSpec)a).element_spec, ((DatasetSpec)b).element_spec, leaf));
}
