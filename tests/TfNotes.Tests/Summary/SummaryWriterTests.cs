using TfNotes.Tests.Data;
using System.Text.Json;
using System.Text.RegularExpressions;
using static TfNotes.Binding;

namespace TfNotes.Tests.Summary;

/// <summary>tf.summary's event files, read back by an independent reader (<see cref="EventFileReader"/>).</summary>
public sealed class SummaryWriterTests() : InTemporaryFolder("tfnotes-summary-")
{
    string logdir => Folder;

    static float[] Floats(JsonElement value) => value.GetProperty("tensor").GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray();
    static double[] Doubles(JsonElement value) => value.GetProperty("tensor").GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
    static string Text(JsonElement value, string property) => value.GetProperty(property).GetString()!;
    static long[] Shape(JsonElement value) => value.GetProperty("tensor").GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();

    [Fact]
    public void Scalars_are_float32_tensor_summaries_of_the_scalars_plugin_in_a_file_named_as_TensorFlows()
    {
        using var writer = tf.summary.create_file_writer(logdir);
        using (writer.as_default())
        {
            for (long step = 0; step < 3; step++) Assert.True(tf.summary.scalar("loss", 1.0 / (step + 1), step: step));
            tf.summary.experimental.set_step(10);
            Assert.True(tf.summary.scalar("accuracy", tf.constant(0.75, tf.float64), description: "share right"));
            tf.summary.experimental.set_step(null);
        }
        var name = Path.GetFileName(Assert.Single(Directory.GetFiles(logdir)));
        Assert.Matches($@"^events\.out\.tfevents\.\d{{10}}\.{Regex.Escape(System.Net.Dns.GetHostName())}\.{Environment.ProcessId}\.\d+\.v2$", name);
        Assert.Equal(writer.path, Path.Combine(logdir, name));
        long seconds = long.Parse(name.Split('.')[3]);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds, 0, 600);

        var events = EventFileReader.Read(writer.path);
        Assert.Equal("brain.Event:2", Text(events[0], "file_version"));
        Assert.InRange(events[0].GetProperty("wall_time").GetDouble(), seconds, seconds + 600);
        var values = EventFileReader.Values(writer.path);
        Assert.Equal([(0L, "loss"), (1, "loss"), (2, "loss"), (10, "accuracy")], values.Select(v => (v.step, Text(v.value, "tag"))).ToList());
        Assert.Equal([1f, 0.5f, (float)(1.0 / 3), 0.75f], values.Select(v => Assert.Single(Floats(v.value))).ToList());
        Assert.All(values, v =>
        {
            Assert.Equal("scalars", Text(v.value, "plugin"));
            Assert.Equal("DATA_CLASS_SCALAR", Text(v.value, "data_class"));
            Assert.Equal("DT_FLOAT", Text(v.value.GetProperty("tensor"), "dtype"));
            Assert.Empty(Shape(v.value));
        });
        Assert.Equal("share right", Text(values[3].value, "description"));
    }

    /// <summary>TensorBoard's histogram buckets by float64 hand math.</summary>
    static double[] ExpectedBuckets(double[] data, int k)
    {
        if (data.Length == 0) return new double[3 * k];
        double min = data.Min(), max = data.Max(), range = max - min;
        var rows = new double[3 * k];
        for (int i = 0; i < k; i++)
        {
            rows[3 * i] = range == 0 ? max : min + range / k * i;
            rows[3 * i + 1] = range == 0 || i == k - 1 ? max : min + range / k * (i + 1);
        }
        if (range == 0) rows[3 * k - 1] = data.Length;
        else foreach (var x in data) rows[3 * Math.Min((int)Math.Floor((x - min) / (range / k)), k - 1) + 2]++;
        return rows;
    }

    [Fact]
    public void Histograms_are_TensorFlow_2s_bucket_tensors_of_the_histograms_plugin()
    {
        double[] data = [0.5, -1, 2, 2, 3.25, 7, 0, 9.5, 4, 4.1];
        using var writer = tf.summary.create_file_writer(logdir);
        using (writer.as_default(step: 4))
        {
            tf.summary.histogram("weights", tf.reshape(tf.constant(data, tf.float64), new Shape(2, 5)), buckets: 4);
            tf.summary.histogram("weights", tf.constant(data.Select(x => (float)x).ToArray()));
            tf.summary.histogram("same", tf.fill(new Shape(3), 2.5f), step: 5, buckets: 5);
            tf.summary.histogram("empty", tf.zeros(new Shape(0)), step: 6, buckets: 2);
            tf.summary.histogram("none", tf.constant(data, tf.float64), step: 7, buckets: 0);
        }
        var values = EventFileReader.Values(writer.path);
        Assert.Equal([4L, 4, 5, 6, 7], values.Select(v => v.step));
        Assert.All(values, v => Assert.Equal(("histograms", "DATA_CLASS_TENSOR", "DT_DOUBLE"),
            (Text(v.value, "plugin"), Text(v.value, "data_class"), Text(v.value.GetProperty("tensor"), "dtype"))));
        Assert.Equal(ExpectedBuckets(data, 4), Doubles(values[0].value));
        Assert.Equal([4L, 3], Shape(values[0].value));
        Assert.Equal(ExpectedBuckets(data.Select(x => (double)(float)x).ToArray(), 30), Doubles(values[1].value));
        Assert.Equal([30L, 3], Shape(values[1].value));
        Assert.Equal([2.5, 2.5, 0, 2.5, 2.5, 0, 2.5, 2.5, 0, 2.5, 2.5, 0, 2.5, 2.5, 3], Doubles(values[2].value));
        Assert.Equal(new double[6], Doubles(values[3].value));
        Assert.Equal([0L, 3], Shape(values[4].value));
        // By hand: min −1, max 9.5, width 10.5 / 4 = 2.625, edges −1, 1.625, 4.25, 6.875, 9.5.
        Assert.Equal([3.0, 5, 0, 2], Doubles(values[0].value).Where((_, i) => i % 3 == 2));
        Assert.Equal([-1, 1.625, 4.25, 6.875], Doubles(values[0].value).Where((_, i) => i % 3 == 0));
    }

    static List<JsonElement> Strings(JsonElement value) => value.GetProperty("tensor").GetProperty("values").EnumerateArray().ToList();

    [Fact]
    public void Images_are_PNG_string_tensors_of_the_images_plugin()
    {
        var bytes = Enumerable.Range(0, 2 * 2 * 3 * 3).Select(i => (byte)(i * 7)).ToArray();
        var batch = tf.reshape(tf.constant(bytes), new Shape(2, 2, 3, 3)); // 2 RGB images, 2 high, 3 wide
        float[] gray = [0f, 0.25f, 0.5f, 1f, 1.5f, -0.5f];
        using var writer = tf.summary.create_file_writer(logdir);
        using (writer.as_default())
        {
            tf.summary.image("rgb", batch, step: 1);
            tf.summary.image("gray", tf.reshape(tf.constant(gray), new Shape(1, 3, 2, 1)), step: 2);
            tf.summary.image("first only", batch, step: 3, max_outputs: 1);
        }
        var values = EventFileReader.Values(writer.path);
        Assert.All(values, v => Assert.Equal(("images", "DATA_CLASS_BLOB_SEQUENCE", "DT_STRING"),
            (Text(v.value, "plugin"), Text(v.value, "data_class"), Text(v.value.GetProperty("tensor"), "dtype"))));
        var rgb = Strings(values[0].value);
        Assert.Equal([4L], Shape(values[0].value));
        Assert.Equal(("3", "2"), (rgb[0].GetString(), rgb[1].GetString())); // width, height
        for (int i = 0; i < 2; i++)
        {
            var png = rgb[2 + i].GetProperty("png");
            Assert.Equal((3, 2, 3), (png.GetProperty("width").GetInt32(), png.GetProperty("height").GetInt32(), png.GetProperty("channels").GetInt32()));
            Assert.Equal(bytes.Skip(18 * i).Take(18).Select(b => (int)b), png.GetProperty("pixels").EnumerateArray().Select(p => p.GetInt32()));
        }
        // convert_image_dtype(saturate=True): trunc(clip(x · 255.5, 0, 255)).
        var grayPng = Strings(values[1].value)[2].GetProperty("png");
        Assert.Equal(1, grayPng.GetProperty("channels").GetInt32());
        Assert.Equal([0, 63, 127, 255, 255, 0], grayPng.GetProperty("pixels").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal([3L], Shape(values[2].value));
        Assert.Contains("rank 4", Assert.Throws<ArgumentException>(() => { using var _ = writer.as_default(); tf.summary.image("bad", tf.zeros(new Shape(2, 2)), step: 0); }).Message);
    }

    [Fact]
    public void Text_is_a_string_tensor_of_the_text_plugin()
    {
        using var writer = tf.summary.create_file_writer(logdir);
        using (writer.as_default(step: 8))
        {
            tf.summary.text("note", "**bold** ünïcode");
            tf.summary.text("table", ["a", "b", "c"]);
        }
        var values = EventFileReader.Values(writer.path);
        Assert.All(values, v => Assert.Equal(("text", "DATA_CLASS_TENSOR", "DT_STRING", 8L),
            (Text(v.value, "plugin"), Text(v.value, "data_class"), Text(v.value.GetProperty("tensor"), "dtype"), v.step)));
        Assert.Equal(["**bold** ünïcode"], Strings(values[0].value).Select(s => s.GetString()));
        Assert.Empty(Shape(values[0].value));
        Assert.Equal(["a", "b", "c"], Strings(values[1].value).Select(s => s.GetString()));
        Assert.Equal([3L], Shape(values[1].value));
    }

    [Fact]
    public void Without_a_default_writer_nothing_is_written_and_without_a_step_TensorFlows_error()
    {
        Assert.False(tf.summary.scalar("loss", 1.0, step: 0));
        Assert.False(tf.summary.scalar("loss", 1.0)); // no writer: the step is not needed
        using var writer = tf.summary.create_file_writer(logdir);
        using (writer.as_default())
        {
            var e = Assert.Throws<ArgumentException>(() => tf.summary.scalar("loss", 1.0));
            Assert.StartsWith("No step set. Please specify one either through the `step` argument or through tf.summary.experimental.set_step()", e.Message);
            Assert.Contains("must be a scalar", Assert.Throws<ArgumentException>(() => tf.summary.scalar("loss", tf.zeros(new Shape(2)), step: 0)).Message);
            bool onOtherThread = true;
            var other = new Thread(() => onOtherThread = tf.summary.scalar("loss", 1.0, step: 0)); // the default writer is per thread
            other.Start();
            other.Join();
            Assert.False(onOtherThread);
        }
        Assert.False(tf.summary.scalar("loss", 1.0, step: 1));
        Assert.Empty(EventFileReader.Values(writer.path));
    }

    [Fact]
    public void Nested_defaults_restore_the_outer_writer_and_step_and_a_variable_step_is_read_when_writing()
    {
        using var outer = tf.summary.create_file_writer(Path.Combine(logdir, "train"));
        using var inner = tf.summary.create_file_writer(Path.Combine(logdir, "validation"));
        var iterations = tf.Variable(tf.constant(5L));
        tf.summary.experimental.set_step(iterations);
        try
        {
            using (outer.as_default())
            {
                tf.summary.scalar("loss", 1.0);
                using (inner.as_default(step: 100)) tf.summary.scalar("loss", 2.0);
                iterations.assign_add(tf.constant(1L));
                tf.summary.scalar("loss", 3.0);
                Assert.Equal(6L, tf.summary.experimental.get_step());
            }
        }
        finally
        {
            tf.summary.experimental.set_step(null);
        }
        Assert.Equal([(5L, 1f), (6, 3f)], EventFileReader.Values(outer.path).Select(v => (v.step, Floats(v.value)[0])).ToList());
        Assert.Equal([(100L, 2f)], EventFileReader.Values(inner.path).Select(v => (v.step, Floats(v.value)[0])).ToList());
    }

    [Fact]
    public void Events_are_buffered_until_a_flush_the_end_of_as_default_or_more_than_max_queue_events()
    {
        using var writer = tf.summary.create_file_writer(logdir, max_queue: 3);
        writer.set_as_default();
        try
        {
            for (int step = 0; step < 3; step++) tf.summary.scalar("x", step, step: step);
            Assert.Empty(EventFileReader.Values(writer.path)); // 3 pending: not more than max_queue
            tf.summary.scalar("x", 3, step: 3);
            Assert.Equal(4, EventFileReader.Values(writer.path).Count);
            tf.summary.scalar("x", 4, step: 4);
            Assert.Equal(4, EventFileReader.Values(writer.path).Count);
            writer.flush();
            Assert.Equal([0L, 1, 2, 3, 4], EventFileReader.Values(writer.path).Select(v => v.step));
        }
        finally
        {
            writer.close();
        }
        var e = Assert.Throws<InvalidOperationException>(() => { using var _ = writer.as_default(); tf.summary.scalar("x", 5, step: 5); });
        Assert.Contains("is closed", e.Message);
    }

    [Fact]
    public void A_log_directory_that_cannot_be_written_fails_in_one_line_naming_it()
    {
        var file = Path.Combine(logdir, "a-file");
        File.WriteAllText(file, "");
        var e = Assert.Throws<IOException>(() => tf.summary.create_file_writer(Path.Combine(file, "logs")));
        Assert.StartsWith($"create_file_writer: cannot write event files to the log directory {Path.Combine(file, "logs")}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_reader_rejects_a_record_whose_checksum_does_not_match()
    {
        using var writer = tf.summary.create_file_writer(logdir);
        using (writer.as_default()) tf.summary.scalar("loss", 0.5, step: 1);
        writer.close();
        var bytes = File.ReadAllBytes(writer.path);
        bytes[^6] ^= 1; // inside the last record's data
        var corrupt = Path.Combine(logdir, "corrupt");
        File.WriteAllBytes(corrupt, bytes);
        var (exit, errors) = EventFileReader.Check(corrupt);
        Assert.Equal(1, exit);
        Assert.Contains("bad data CRC", errors);
    }
}
