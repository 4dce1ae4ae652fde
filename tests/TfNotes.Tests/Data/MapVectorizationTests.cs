using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary>
/// <c>map(f).batch(n)</c> over rows of in-memory tensors calls f once per batch when f is elementwise, and element by
/// element otherwise; the batches must hold what stacking f(element) gives (computed here by hand, per row).
/// </summary>
public class MapVectorizationTests
{
    const int Rows = 10, Width = 4, BatchSize = 4;

    /// <summary>Row r holds r·Width … r·Width + Width − 1 (as bytes, the images' dtype).</summary>
    static byte[,] Pixels()
    {
        var pixels = new byte[Rows, Width];
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Width; c++) pixels[r, c] = (byte)(r * Width + c);
        return pixels;
    }

    static readonly long[] Labels = [3, 0, 9, 1, 1, 4, 7, 2, 8, 5];

    /// <summary>Runs one pass of <c>map(f).batch(4)</c> counting f's calls; returns the rows of every batch as float[]s.</summary>
    static (List<float[]> rows, int calls, string? refusal) MapThenBatch(Func<Tensor, Tensor> f)
    {
        int calls = 0;
        var mapped = tf.data.Dataset.from_tensor_slices(Pixels()).map(x => { calls++; return f(x); });
        calls = 0; // map() called it once on a zero-filled probe, as TensorFlow traces the function there
        var rows = new List<float[]>();
        foreach (var batch in mapped.batch(BatchSize))
        {
            var values = batch.ToArray<float>();
            int width = values.Length / (int)batch.shape[0];
            rows.AddRange(values.Chunk(width));
        }
        return (rows, calls, ((MapDataset<Tensor, Tensor>)mapped).NotVectorizedBecause);
    }

    static void AssertRows(Func<int, float[]> expectedRow, List<float[]> rows)
    {
        Assert.Equal(Rows, rows.Count);
        for (int r = 0; r < Rows; r++) Assert.Equal(expectedRow(r), rows[r]);
    }

    static float Pixel(int r, int c) => r * Width + c;

    [Fact]
    public void An_elementwise_function_runs_once_per_batch_and_gives_the_per_element_values()
    {
        using var mean = tf.constant(new[] { 1f, 2f, 3f, 4f }).keep(); // a captured row: broadcasts along the batch
        var (rows, calls, refusal) = MapThenBatch(x => tf.nn.relu(tf.cast(x, tf.float32) / 255.0 * 2.0 - mean * 0.01));

        Assert.Null(refusal);
        Assert.Equal(3, calls); // batches of 4, 4, 2
        AssertRows(r => Enumerable.Range(0, Width).Select(c => Math.Max(0f, Pixel(r, c) / 255f * 2f - (c + 1) * 0.01f)).ToArray(), rows);
    }

    [Fact]
    public void Pairs_with_one_hot_labels_vectorize()
    {
        int calls = 0;
        var ds = tf.data.Dataset.from_tensor_slices((Pixels(), Labels))
            .map((x, y) => { calls++; return (tf.cast(x, tf.float32) / 255.0, tf.one_hot(y, 10)); })
            .batch(BatchSize);
        calls = 0; // map() called it once on a zero-filled probe, as TensorFlow traces the function there
        var hot = new List<float[]>();
        var images = new List<float[]>();
        foreach (var (x, y) in ds)
        {
            Assert.Equal(new Shape(x.shape[0], Width), x.shape);
            hot.AddRange(y.ToArray<float>().Chunk(10));
            images.AddRange(x.ToArray<float>().Chunk(Width));
        }
        Assert.Equal(3, calls);
        for (int r = 0; r < Rows; r++)
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(k => k == Labels[r] ? 1f : 0f).ToArray(), hot[r]);
            Assert.Equal(Enumerable.Range(0, Width).Select(c => (float)Pixel(r, c) / 255f).ToArray(), images[r]);
        }
    }

    [Fact]
    public void A_reduction_over_the_element_maps_element_by_element()
    {
        var (rows, calls, refusal) = MapThenBatch(x => { var f = tf.cast(x, tf.float32); return f / tf.reduce_max(f); });

        Assert.NotNull(refusal);
        Assert.Equal(1 + Rows, calls); // the refused batch call, then one per element
        AssertRows(r => Enumerable.Range(0, Width).Select(c => Pixel(r, c) / Pixel(r, Width - 1)).ToArray(), rows);
    }

    [Fact]
    public void Reading_the_shape_maps_element_by_element()
    {
        var (rows, _, refusal) = MapThenBatch(x => tf.cast(x, tf.float32) * (double)x.shape[0]);

        Assert.NotNull(refusal);
        AssertRows(r => Enumerable.Range(0, Width).Select(c => Pixel(r, c) * Width).ToArray(), rows);
    }

    [Fact]
    public void A_captured_tensor_of_higher_rank_than_the_element_maps_element_by_element()
    {
        using var grid = tf.constant(new float[,] { { 0, 0, 0, 0 }, { 100, 100, 100, 100 } }).keep(); // (2, 4) + (4,) → (2, 4)
        var ds = tf.data.Dataset.from_tensor_slices(Pixels()).map(x => tf.cast(x, tf.float32) + grid).batch(BatchSize);

        var shapes = ds.Select(b => b.shape).ToList();
        var values = ds.SelectMany(b => b.ToArray<float>()).ToArray();

        Assert.Equal([new Shape(4, 2, 4), new Shape(4, 2, 4), new Shape(2, 2, 4)], shapes);
        for (int r = 0; r < Rows; r++)
            for (int k = 0; k < 2; k++)
                for (int c = 0; c < Width; c++) Assert.Equal(Pixel(r, c) + 100 * k, values[(r * 2 + k) * Width + c]);
    }

    [Fact]
    public void Random_values_are_drawn_per_element()
    {
        var (rows, _, refusal) = MapThenBatch(x => tf.cast(x, tf.float32) * 0.0 + tf.random.uniform(new Shape(Width)));

        Assert.NotNull(refusal);
        Assert.Equal(Rows, rows.Select(r => string.Join(",", r)).Distinct().Count()); // one batch-wide draw would repeat
    }

    [Fact]
    public void An_output_not_computed_from_the_element_maps_element_by_element()
    {
        var ds = tf.data.Dataset.from_tensor_slices(Pixels()).map(x => (x, tf.constant(7L))).batch(BatchSize);

        var counts = ds.Select(b => b.Item2.ToArray<long>()).ToList();

        Assert.Equal([[7L, 7, 7, 7], [7L, 7, 7, 7], [7L, 7]], counts);
    }

    [Fact]
    public void A_failure_in_a_vectorized_map_names_the_element()
    {
        int calls = 0;
        var ds = tf.data.Dataset.from_tensor_slices(Pixels())
            .map(x => ++calls >= 2 ? throw new InvalidOperationException("second call") : tf.cast(x, tf.float32)) // fails from the second batch on
            .batch(BatchSize);
        calls = 0; // map() called it once on a zero-filled probe, as TensorFlow traces the function there

        var e = Assert.Throws<InvalidOperationException>(() => ds.Select(b => b.shape).ToList());

        Assert.Equal("map: the function failed on element 4 (zero-based) of the pass: second call", e.Message);
    }

    [Fact]
    public void A_function_that_fails_on_a_batch_but_not_on_its_elements_maps_element_by_element_from_then_on()
    {
        // (4,) + (3, 4) works per element; a batch (n, 4) + (3, 4) fails in libtorch before the trace can refuse it.
        using var grid = tf.constant(new float[,] { { 0, 0, 0, 0 }, { 100, 100, 100, 100 }, { 200, 200, 200, 200 } }).keep();
        var (rows, calls, refusal) = MapThenBatch(x => tf.cast(x, tf.float32) + grid);

        AssertRows(r => Enumerable.Range(0, 3 * Width).Select(i => Pixel(r, i % Width) + 100 * (i / Width)).ToArray(), rows);
        Assert.Equal(1 + Rows, calls); // one batch attempt, then each element once (not one attempt per batch)
        Assert.StartsWith("the function failed on a batch: ", refusal);
    }

    [Fact]
    public void Shuffled_parallel_map_then_batch_gives_the_same_rows_as_element_by_element()
    {
        var pixels = tf.constant(Pixels());
        static Tensor Scale(Tensor x) => tf.cast(x, tf.float32) * 3.0;
        var vectorized = tf.data.Dataset.from_tensor_slices(pixels).shuffle(Rows, seed: 5)
            .map(Scale, num_parallel_calls: tf.data.AUTOTUNE).batch(BatchSize);
        var elementwise = tf.data.Dataset.from_tensor_slices(pixels).shuffle(Rows, seed: 5)
            .map(x => Scale(tf.reshape(x, new Shape(Width))), num_parallel_calls: tf.data.AUTOTUNE).batch(BatchSize); // reshape: not vectorized

        static List<string> RowsOf(Dataset<Tensor> ds) => ds.SelectMany(b => b.ToArray<float>().Chunk(Width).Select(r => string.Join(",", r))).ToList();

        var rows = RowsOf(vectorized);
        Assert.Equal(RowsOf(elementwise), rows);
        Assert.Equal(Enumerable.Range(0, Rows).Select(r => string.Join(",", Enumerable.Range(0, Width).Select(c => Pixel(r, c) * 3))).Order(),
            rows.Order());
    }
}
