using System.Collections;
using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary><c>from_generator</c> and <c>padded_batch</c>, with the examples of TensorFlow's API docs.</summary>
public class GeneratorAndPaddingTests
{
    static IEnumerable<(int, int[])> Counting()
    {
        for (int i = 1; ; i++) yield return (i, Enumerable.Repeat(1, i).ToArray());
    }

    static readonly (TensorSpec, TensorSpec) CountingSignature = (tf.TensorSpec([], tf.int32), tf.TensorSpec([-1], tf.int32));

    static string Text(Tensor t) => $"[{string.Join(", ", t.numpy().ToArray<int>())}]";

    /// <summary>Rows of a batch as "[a, b]" texts.</summary>
    static List<string> Rows(Tensor batch) => Enumerable.Range(0, (int)batch.shape[0]).Select(i => Text(batch[i])).ToList();

    [Fact]
    public void From_generator_converts_what_the_generator_yields_to_the_signature()
    {
        var ds = tf.data.Dataset.from_generator(Counting, output_signature: CountingSignature);
        var seen = new List<string>();
        foreach (var (i, ones) in ds.take(3)) seen.Add($"{(int)i} {Text(ones)} {i.dtype} {ones.dtype}");
        Assert.Equal(["1 [1] int32 int32", "2 [1, 1] int32 int32", "3 [1, 1, 1] int32 int32"], seen);
        Assert.Equal(CountingSignature, ds.element_spec);
        Assert.Equal(tf.data.UNKNOWN_CARDINALITY, ds.cardinality());
        Assert.Equal(3, ds.take(3).ToList().Count); // each pass calls the generator again
    }

    static IEnumerable Mixed()
    {
        yield return 1.75;                          // a .NET double into int64: converted as NumPy's asarray does
        yield return tf.constant(new[] { 2f, 3f }).keep(); // a tensor, cast
        yield return new long[] { 4 };
    }

    [Fact]
    public void From_generator_casts_values_to_the_signatures_dtype_and_checks_their_shapes()
    {
        var ds = tf.data.Dataset.from_generator(Mixed, tf.TensorSpec([-1], tf.int64));
        var e = Assert.Throws<InvalidArgumentError>(() => ds.ToList());
        Assert.Equal("from_generator: `generator` yielded an element of shape () where an element of shape (None,) was expected.", e.Message);
        var scalars = tf.data.Dataset.from_generator(() => new object[] { 1.75, 2 }, tf.TensorSpec([], tf.int64));
        Assert.Equal([1L, 2L], scalars.Longs());
        var vectors = tf.data.Dataset.from_generator(() => Mixed().Cast<object>().Skip(1), tf.TensorSpec([-1], tf.int64));
        Assert.Equal([[2L, 3L], [4L]], vectors.Select(t => t.ToArray<long>()).ToList());
    }

    [Fact]
    public void From_generator_names_a_yielded_element_of_another_structure_or_type()
    {
        var pairs = tf.data.Dataset.from_generator(() => new object[] { (1, 2), 3 }, (tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.int32)));
        var e = Assert.Throws<InvalidArgumentError>(() => pairs.ToList());
        Assert.StartsWith("from_generator: `generator` yielded an element that did not match the expected structure. The expected structure was (TensorSpec(", e.Message);
        Assert.EndsWith("but the yielded element was 3.", e.Message);
        var text = tf.data.Dataset.from_generator(() => new[] { "seven" }, tf.TensorSpec([], tf.int32));
        Assert.Equal("from_generator: `generator` yielded an element that could not be converted to the expected type. The expected type was int32, but the yielded element was seven.",
            Assert.Throws<InvalidArgumentError>(() => text.ToList()).Message);
        var named = tf.data.Dataset.from_generator(() => new[] { new Dictionary<string, object> { ["x"] = new[] { 1f, 2f }, ["y"] = 0 } },
            new Dictionary<string, TensorSpec> { ["x"] = tf.TensorSpec([2]), ["y"] = tf.TensorSpec([], tf.int64) });
        var element = Assert.Single(named.Select(d => (d["x"].ToArray<float>(), d["y"].dtype)).ToList());
        Assert.Equal([1f, 2f], element.Item1);
        Assert.Equal(tf.int64, element.Item2);
    }

    static Dataset<Tensor> A => tf.data.Dataset.range(1, 5, output_type: tf.int32).map(x => tf.fill(new Shape((int)x), x));

    [Fact]
    public void Padded_batch_pads_each_batch_to_its_longest_element_by_default()
    {
        var batches = A.padded_batch(2).Select(Rows).ToList();
        Assert.Equal([["[1, 0]", "[2, 2]"], ["[3, 3, 3, 0]", "[4, 4, 4, 4]"]], batches);
        Assert.Equal(new TensorSpec(new Shape(-1, -1), tf.int32), A.padded_batch(2).element_spec);
    }

    [Fact]
    public void Padded_batch_pads_to_a_given_shape_and_value()
    {
        Assert.Equal([["[1, 0, 0, 0, 0]", "[2, 2, 0, 0, 0]"], ["[3, 3, 3, 0, 0]", "[4, 4, 4, 4, 0]"]], A.padded_batch(2, padded_shapes: 5).Select(Rows).ToList());
        var d = A.padded_batch(2, padded_shapes: 5, padding_values: -1);
        Assert.Equal([["[1, -1, -1, -1, -1]", "[2, 2, -1, -1, -1]"], ["[3, 3, 3, -1, -1]", "[4, 4, 4, 4, -1]"]], d.Select(Rows).ToList());
        Assert.Equal(new TensorSpec(new Shape(-1, 5), tf.int32), d.element_spec);
        Assert.Equal(new TensorSpec(new Shape(2, 5), tf.int32), A.padded_batch(2, padded_shapes: new Shape(5), drop_remainder: true).element_spec);
    }

    static IEnumerable<(int[], int[])> Elements()
    {
        yield return ([1, 2, 3], [10]);
        yield return ([4, 5], [11, 12]);
    }

    [Fact]
    public void Padded_batch_of_components_pads_each_as_given()
    {
        var ds = tf.data.Dataset.from_generator(Elements, (tf.TensorSpec([-1], tf.int32), tf.TensorSpec([-1], tf.int32)))
            .padded_batch(2, padded_shapes: (new[] { 4 }, new[] { -1 }), padding_values: (-1, 100));
        var (x, y) = Assert.Single(ds.Select(b => (Rows(b.Item1), Rows(b.Item2))).ToList());
        Assert.Equal(["[1, 2, 3, -1]", "[4, 5, -1, -1]"], x);
        Assert.Equal(["[10, 100]", "[11, 12]"], y);

        var e = tf.data.Dataset.zip(A, A).padded_batch(2, padding_values: (-1, -1)).Select(b => (Rows(b.Item1), Rows(b.Item2))).ToList();
        Assert.Equal([(["[1, -1]", "[2, 2]"], ["[1, -1]", "[2, 2]"]), (["[3, 3, 3, -1]", "[4, 4, 4, 4]"], ["[3, 3, 3, -1]", "[4, 4, 4, 4]"])],
            e.Select(p => (p.Item1, p.Item2)).ToList(), new PairOfListsComparer());
        var scalars = tf.data.Dataset.range(5).padded_batch(2).Select(b => b.ToArray<long>()).ToList();
        Assert.Equal([[0L, 1], [2L, 3], [4L]], scalars);
    }

    sealed class PairOfListsComparer : IEqualityComparer<(List<string>, List<string>)>
    {
        public bool Equals((List<string>, List<string>) a, (List<string>, List<string>) b) => a.Item1.SequenceEqual(b.Item1) && a.Item2.SequenceEqual(b.Item2);
        public int GetHashCode((List<string>, List<string>) p) => 0;
    }

    [Fact]
    public void Padded_batch_rejects_bad_shapes_and_values_with_TensorFlows_messages()
    {
        Assert.Equal("padded_batch: The padded shape (2, 2) is not compatible with the shape (None,) of the corresponding input component. (Parameter 'padded_shapes')",
            Assert.Throws<ArgumentException>(() => A.padded_batch(2, padded_shapes: new[] { 2, 2 })).Message);
        var fixedSize = tf.data.Dataset.from_tensor_slices(new int[3, 4]);
        Assert.Contains("The padded shape (3,) is not compatible with the shape (4,)", Assert.Throws<ArgumentException>(() => fixedSize.padded_batch(2, 3)).Message);
        Assert.Contains("values type int64 does not match type int32",
            Assert.Throws<ArgumentException>(() => A.padded_batch(2, padding_values: tf.constant(-1L))).Message);
        Assert.Contains("`padded_shapes` must have the structure of the elements",
            Assert.Throws<ArgumentException>(() => tf.data.Dataset.zip(A, A).padded_batch(2, padded_shapes: 5)).Message);
        var tooLong = A.padded_batch(2, padded_shapes: 3);
        var e = Assert.Throws<InvalidArgumentError>(() => tooLong.ToList());
        Assert.StartsWith("padded_batch: Attempted to pad to a smaller size than the input element.", e.Message);
        Assert.Single(A.take(2).padded_batch(2, padded_shapes: 3).ToList());
    }
}
