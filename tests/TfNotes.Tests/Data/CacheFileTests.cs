using TfNotes.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

/// <summary><c>cache(filename)</c>: a file that later passes and other datasets reuse; never a partial one.</summary>
public sealed class CacheFileTests() : InTemporaryFolder("tfnotes-cache-")
{
    string File(string name = "cache") => Path.Combine(Folder, name);

    /// <summary>Pairs of a float32 row whose length varies and an int64 scalar, counting the calls on input elements
    /// (2 … 5; the spec's probes are zeros and ones).</summary>
    static Dataset<(Tensor, Tensor)> Source(Action call) => tf.data.Dataset.range(2, 6).map(x =>
    {
        if ((long)x >= 2) call();
        return (tf.cast(tf.fill(new Shape(Math.Max(0, (int)(long)x - 1)), x), tf.float32) / 8f, x * tf.constant(10L));
    });

    static List<string> Texts(Dataset<(Tensor, Tensor)> ds) =>
        ds.Select(e => $"{string.Join(" ", e.Item1.ToArray<float>())} {e.Item1.dtype} | {(long)e.Item2} {e.Item2.dtype}").ToList();

    [Fact]
    public void A_complete_pass_writes_the_file_that_later_passes_and_other_datasets_read_without_the_input()
    {
        int calls = 0;
        var ds = Source(() => calls++).cache(File());
        var first = Texts(ds);
        Assert.Equal(["0.25 float32 | 20 int64", "0.375 0.375 float32 | 30 int64", "0.5 0.5 0.5 float32 | 40 int64", "0.625 0.625 0.625 0.625 float32 | 50 int64"], first);
        Assert.Equal(4, calls);
        Assert.Equal([File()], Directory.GetFiles(Folder));
        Assert.Equal(first, Texts(ds));
        int otherCalls = 0;
        var other = Source(() => otherCalls++).cache(File());
        Assert.Equal(first, Texts(other)); // another dataset (or process) given the file
        Assert.Equal((4, 0), (calls, otherCalls));
    }

    [Fact]
    public void A_pass_stopped_early_or_abandoned_as_by_a_kill_leaves_no_cache_that_is_read()
    {
        int calls = 0;
        var ds = Source(() => calls++).cache(File());
        Assert.Equal(2, ds.Take(2).Count());
        Assert.Empty(Directory.GetFiles(Folder)); // the stopped pass removed its temporary file

        var killed = ds.GetEnumerator(); // a pass whose process dies: it never ends or cleans up
        Assert.True(killed.MoveNext() && killed.MoveNext());
        Assert.False(System.IO.File.Exists(File()));
        calls = 0;
        Assert.Equal(4, Texts(ds).Count);
        Assert.Equal(4, calls); // the half-written file was not read
        Assert.True(System.IO.File.Exists(File()));
        Assert.Equal(2, Directory.GetFiles(Folder).Length); // the cache and the dead pass's temporary file
        killed.Dispose();
        Assert.Equal([File()], Directory.GetFiles(Folder));
    }

    [Fact]
    public void A_cache_file_of_other_dtypes_or_a_truncated_one_is_named_in_one_line()
    {
        Assert.Equal(4, Texts(Source(() => { }).cache(File())).Count);
        var ints = tf.data.Dataset.zip(tf.data.Dataset.range(3), tf.data.Dataset.range(3)).cache(File());
        var e = Assert.Throws<InvalidArgumentError>(() => ints.ToList());
        Assert.Equal($"cache: the cache file {File()} holds elements of dtypes (float32, int64), not this dataset's (int64, int64); " +
            "delete it or give this dataset another filename", e.Message);

        var bytes = System.IO.File.ReadAllBytes(File());
        System.IO.File.WriteAllBytes(File("cut"), bytes[..^20]);
        var cut = Assert.Throws<InvalidDataException>(() => Source(() => { }).cache(File("cut")).ToList());
        Assert.StartsWith($"cache: the cache file {File("cut")} is truncated or corrupt", cut.Message);
        var missing = Assert.Throws<IOException>(() => tf.data.Dataset.range(3).cache(Path.Combine(Folder, "no", "such", "dir", "c")).ToList());
        Assert.StartsWith("cache: cannot write the cache file ", missing.Message);
    }
}
