using System.Collections;

namespace TfNotes.Data;

/// <summary>
/// <c>from_generator(generator, output_signature)</c>: each pass calls <c>generator()</c> and converts what it yields
/// (tensors, .NET scalars and arrays, NumSharp arrays, in tuples or dictionaries shaped as the signature) to tensors
/// of the signature's dtypes, checking their shapes, with TensorFlow's messages. The generator's code runs on the
/// consuming thread (or a prefetch thread) outside any step, like the code of a <c>foreach</c> loop.
/// </summary>
internal sealed class GeneratorDataset<T>(Func<IEnumerable> generator, object signature) : Dataset<T>
{
    readonly List<TensorSpec> specs = Structure<T>.Of.SpecLeaves(signature);

    internal override IEnumerator<T> OpenPass()
    {
        var source = (generator() ?? throw new ArgumentException("from_generator: `generator` returned null instead of a sequence", "generator"))
            .GetEnumerator();
        try
        {
            while (source.MoveNext()) yield return Converted(source.Current);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    T Converted(object? value)
    {
        var leaves = Nest.FlattenUpTo(signature, value) ?? throw new InvalidArgumentError(
            "from_generator: `generator` yielded an element that did not match the expected structure. " +
            $"The expected structure was {signature}, but the yielded element was {Nest.Describe(value)}.");
        int k = 0;
        return Structure<T>.Of.Build(signature, spec => Leaf(leaves[k++], spec));
    }

    static Tensor Leaf(object? value, TensorSpec spec)
    {
        Tensor tensor;
        using (var step = StepScope.Begin())
        {
            try
            {
                tensor = UserFunction.HandOn(TensorConversion.CastLikeNumPy(value!, spec.dtype, "generator"), step);
            }
            catch (Exception e) when (e is ArgumentException or InvalidCastException or NotSupportedException)
            {
                throw new InvalidArgumentError("from_generator: `generator` yielded an element that could not be converted to the expected type. " +
                    $"The expected type was {spec.dtype}, but the yielded element was {Nest.Describe(value)}.", e);
            }
        }
        if (!spec.IsCompatibleWith(tensor.shape))
        {
            var shape = tensor.shape;
            tensor.Dispose();
            throw new InvalidArgumentError($"from_generator: `generator` yielded an element of shape {shape} where an element of shape " +
                $"{spec.ShapeText} was expected.");
        }
        return tensor;
    }

    public override long cardinality() => DataApi.UnknownCardinality;
    private protected override object ComputeSpec() => signature;
}
