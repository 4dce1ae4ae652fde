using TfNotes.Data;
using TfNotes.TestSupport;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary>Every transformation, consumed as a user's loop consumes it, over many passes: no tensor left behind.</summary>
[Collection(Isolated.Name)]
public class NewOpsMemoryTests
{
    /// <summary>A pass of a user's loop over <paramref name="ds"/>.</summary>
    static Action Passes<T>(Dataset<T> ds) => () =>
    {
        foreach (var _ in ds) { }
    };

    /// <summary>Builds the pipeline, runs <paramref name="pass"/> twice to warm up, then 30 times more: the live tensor counts must not grow.</summary>
    static void AssertFlat(string name, Func<Action> pipeline)
    {
        var pass = pipeline();
        pass();
        pass();
        long wrappers = Tensor.Live, native = NativeMemory.LiveTensors;
        for (int i = 0; i < 30; i++) pass();
        Assert.True(Tensor.Live <= wrappers, $"{name}: {Tensor.Live - wrappers} tensors left after 30 passes");
        Assert.True(NativeMemory.LiveTensors <= native, $"{name}: {NativeMemory.LiveTensors - native} native tensors left after 30 passes");
    }

    static readonly Dataset<Tensor> Numbers = tf.data.Dataset.range(20);

    public static TheoryData<string> Pipelines => [.. PipelineOf.Keys];

    static readonly Dictionary<string, Func<Action>> PipelineOf = new()
    {
        ["zip of three"] = () => Passes(tf.data.Dataset.zip(Numbers, Numbers.map(x => x * tf.constant(2L)), Numbers.take(7))),
        ["from_tensor_slices of four"] = () => Passes(tf.data.Dataset.from_tensor_slices((new[] { 1, 2 }, new[] { 3, 4 }, new[] { 5, 6 }, new[] { 7, 8 })).batch(2)),
        ["map returning its input"] = () => Passes(Numbers.map(x => x)),
        ["scan"] = () => Passes(Numbers.scan(tf.constant(0L), (s, x) => (s + x, s * x))),
        ["scan handing out its state"] = () => Passes(Numbers.scan(tf.constant(0L), (s, x) => (s + x, s + x))),
        ["enumerate"] = () => Passes(Numbers.enumerate(3)),
        ["reduce in a loop"] = () => () =>
        {
            foreach (var x in Numbers.take(3)) _ = (long)Numbers.reduce(x, (s, y) => s + y);
        },
        ["get_single_element in a loop"] = () =>
        {
            var single = Numbers.take(1).map(v => v + tf.constant(1L));
            return () =>
            {
                foreach (var x in Numbers.take(3)) _ = (long)single.get_single_element() + (long)x;
            };
        },
        ["range with output_type"] = () => Passes(tf.data.Dataset.range(5, tf.float32).map(x => x * 2f)),
        ["from_generator with casts"] = () => Passes(tf.data.Dataset.from_generator(() => Enumerable.Range(0, 5).Select(i => new[] { i, i }),
            tf.TensorSpec([2], tf.int64))),
        ["padded_batch"] = () => Passes(tf.data.Dataset.range(1, 9).map(x => tf.fill(new Shape((int)x), x)).padded_batch(3, padding_values: -1)),
        ["window and flat_map"] = () => Passes(Numbers.window(4, shift: 3, stride: 2).flat_map(w => w.batch(4))),
        ["window read twice"] = () => () =>
        {
            foreach (var w in Numbers.window(3)) _ = w.Longs().Sum() + w.Longs().Sum();
        },
        ["flat_map capturing tensors"] = () => Passes(Numbers.flat_map(x => tf.data.Dataset.from_tensors(x * tf.constant(2L)).repeat(2))),
        ["interleave"] = () => Passes(Numbers.interleave(x => tf.data.Dataset.from_tensor_slices(tf.fill(new Shape(3), x)), cycle_length: 3, block_length: 2)),
        ["parallel interleave stopped early"] = () => Passes(Numbers.interleave(x => tf.data.Dataset.from_tensors(x).repeat(5), cycle_length: 2,
            num_parallel_calls: 2).take(7)),
        ["unique"] = () => Passes(tf.data.Dataset.from_tensor_slices(new long[] { 1, 2, 1, 3, 2 }).repeat(4).unique()),
        ["rebatch"] = () => Passes(Numbers.batch(3).rebatch([2, 5])),
        ["cache to a file, then from it"] = () =>
        {
            var file = Path.Combine(Scratch.Folder().FullName, "cache");
            var cached = Numbers.map(x => tf.fill(new Shape(3), x)).cache(file);
            return () => Passes(cached)();
        },
        ["seeded random in map"] = () => Passes(Numbers.map(x => tf.random.uniform(new Shape(2), seed: 4))),
    };

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void A_pass_leaves_no_tensor_behind(string pipeline) => AssertFlat(pipeline, PipelineOf[pipeline]);
}
