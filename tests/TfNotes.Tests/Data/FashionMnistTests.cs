using System.IO.Compression;
using System.Net;
using TfNotes.Keras.Datasets;
using TfNotes.TestSupport;
using static TfNotes.Binding;

namespace TfNotes.Tests.Data;

public class FashionMnistTests
{
    static readonly string Folder = DataTestHelpers.FashionMnistFolder;

    /// <summary>The IDX payload read independently of the library: decompress and drop the header.</summary>
    static byte[] Payload(string file, int headerBytes)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Folder, file)), CompressionMode.Decompress);
        using var content = new MemoryStream();
        gzip.CopyTo(content);
        return content.ToArray()[headerBytes..];
    }

    [Fact]
    public void Load_data_gives_keras_shapes_dtypes_label_counts_and_pixels()
    {
        var ((xTrain, yTrain), (xTest, yTest)) = tf.keras.datasets.fashion_mnist.load_data(Folder);
        Assert.Equal([60000, 28, 28], xTrain.shape);
        Assert.Equal([60000], yTrain.shape);
        Assert.Equal([10000, 28, 28], xTest.shape);
        Assert.Equal([10000], yTest.shape);
        Assert.Equal(typeof(byte), xTrain.dtype);
        Assert.Equal(typeof(byte), yTest.dtype);

        var labels = yTrain.ToArray<byte>();
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, labels.Count(l => l == c)));
        Assert.Equal(Enumerable.Range(0, 10).Select(c => 1000), Enumerable.Range(0, 10).Select(c => yTest.ToArray<byte>().Count(l => l == c)));

        long Sum(byte[] values) => values.Aggregate(0L, (s, v) => s + v);
        Assert.Equal(Sum(Payload("train-images-idx3-ubyte.gz", 16)), Sum(xTrain.ToArray<byte>()));
        Assert.Equal(Sum(Payload("t10k-images-idx3-ubyte.gz", 16)), Sum(xTest.ToArray<byte>()));
        Assert.Equal(Payload("train-labels-idx1-ubyte.gz", 8), labels);
        Assert.Equal(9, (int)yTrain[0]); // the first training image is an ankle boot
    }

    [Fact]
    public void A_truncated_idx_file_names_the_file_and_both_sizes()
    {
        var path = Temp("truncated-labels.gz", Payload("t10k-labels-idx1-ubyte.gz", 0)[..1000]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, rank: 1));
        Assert.Contains(path, e.Message);
        Assert.Contains("10008 bytes are expected", e.Message);
        Assert.Contains("holds 1000", e.Message);
    }

    [Fact]
    public void An_idx_file_longer_than_its_header_declares_or_with_an_impossible_shape_is_refused()
    {
        var longer = Temp("longer-labels.gz", [.. Payload("t10k-labels-idx1-ubyte.gz", 0), 1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(longer, rank: 1));
        Assert.Contains("10008 bytes are expected", e.Message);
        Assert.Contains("holds 10011", e.Message);

        var huge = Temp("huge.gz", [0, 0, 8, 3, 0x7f, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 2]);
        Assert.StartsWith(huge + ": the IDX header declares shape (2147483647, 2147483647, 2)", Assert.Throws<InvalidDataException>(() => IdxFile.Read(huge, rank: 3)).Message);

        // 2^22 · 2^21 · 2^21 = 2^64: a product that wraps to 0 in a long is refused too, not read as an empty file.
        var wrapping = Temp("wrapping.gz", [0, 0, 8, 3, 0, 0x40, 0, 0, 0, 0x20, 0, 0, 0, 0x20, 0, 0]);
        Assert.StartsWith(wrapping + ": the IDX header declares shape (4194304, 2097152, 2097152), which no file of this format holds",
            Assert.Throws<InvalidDataException>(() => IdxFile.Read(wrapping, rank: 3)).Message);
    }

    [Fact]
    public void A_file_that_is_not_gzip_or_not_idx_is_named_in_the_error()
    {
        var notGzip = Path.Combine(Scratch.Folder().FullName, "x.gz");
        File.WriteAllText(notGzip, "this is not gzip at all, just some text");
        Assert.Contains(notGzip, Assert.Throws<InvalidDataException>(() => IdxFile.Read(notGzip, 1)).Message);

        var wrongMagic = Temp("wrong.gz", [0, 0, 0x0D, 1, 0, 0, 0, 0]);
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => IdxFile.Read(wrongMagic, 1)).Message);
    }

    static string Temp(string name, byte[] content)
    {
        var path = Path.Combine(Scratch.Folder().FullName, name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(content);
        return path;
    }

    /// <summary>Serves files by name from a folder, standing in for the dataset's official location.</summary>
    sealed class FolderServer(string folder, Func<string, byte[]>? content = null) : HttpMessageHandler
    {
        public List<string> Requested { get; } = [];

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var name = request.RequestUri!.Segments[^1];
            Requested.Add(request.RequestUri.ToString());
            var path = Path.Combine(folder, name);
            return File.Exists(path)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content?.Invoke(name) ?? File.ReadAllBytes(path)) }
                : new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    sealed class Offline : HttpMessageHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Name or service not known (storage.googleapis.com:443)");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }

    [Fact]
    public void Without_local_files_it_downloads_into_the_cache_verifies_and_loads()
    {
        var empty = Scratch.Folder().FullName;
        var cache = Path.Combine(Scratch.Folder().FullName, "fashion-mnist");
        var server = new FolderServer(Folder);
        var ((xTrain, _), (_, yTest)) = FashionMnist.Load([("nowhere", empty)], cache, server, "https://example.test/keras/");
        Assert.Equal([60000, 28, 28], xTrain.shape);
        Assert.Equal([10000], yTest.shape);
        Assert.Equal(FashionMnist.Files.Select(f => "https://example.test/keras/" + f.Name), server.Requested);
        Assert.All(FashionMnist.Files, f => Assert.True(File.Exists(Path.Combine(cache, f.Name))));

        FashionMnist.Load([("nowhere", empty)], cache, server, "https://example.test/keras/");
        Assert.Equal(4, server.Requested.Count); // the second load finds the cache
    }

    [Fact]
    public void A_download_with_the_wrong_content_is_rejected_and_not_kept()
    {
        var cache = Path.Combine(Scratch.Folder().FullName, "fashion-mnist");
        var labels = File.ReadAllBytes(Path.Combine(Folder, "t10k-labels-idx1-ubyte.gz"));
        var server = new FolderServer(Folder, _ => labels);
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load([], cache, server, "https://example.test/"));
        Assert.Contains("SHA-256", e.Message);
        Assert.False(File.Exists(Path.Combine(cache, "train-images-idx3-ubyte.gz")));
    }

    [Fact]
    public void Offline_with_no_copy_the_error_names_every_place_and_how_to_get_the_files()
    {
        var places = FashionMnist.Places(Scratch.Folder().FullName)
            .Select(p => p.Place.StartsWith("the repository") || p.Place.StartsWith("the download") || p.Place.StartsWith("the Debian")
                ? (p.Place, Scratch.Folder().FullName) : p).ToList();
        var cache = Path.Combine(Scratch.Folder().FullName, "fashion-mnist");
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(places, cache, new Offline(), FashionMnist.OfficialBaseUrl));
        foreach (var (place, folder) in places)
        {
            Assert.Contains(place, e.Message);
            if (folder is not null) Assert.Contains(folder, e.Message);
        }
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("TFNOTES_DATA", e.Message);
        Assert.Contains("Name or service not known", e.Message);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("--data-dir", e.Message);
        Assert.DoesNotContain('\n', e.Message); // one line: the CLI prints it as it is
    }

    [Fact]
    public void The_search_order_is_path_environment_repository_cache_then_the_XDG_data_dirs()
    {
        var places = FashionMnist.Places("/explicit");
        Assert.Equal("/explicit", places[0].Folder);
        Assert.StartsWith("$TFNOTES_DATA", places[1].Place);
        Assert.StartsWith("the repository", places[2].Place);
        Assert.Equal(FashionMnist.CacheDirectory, places[3].Folder);
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_DIRS");
        var expected = (string.IsNullOrEmpty(xdg) ? "/usr/local/share:/usr/share" : xdg).Split(':').Select(d => Path.Combine(d, "datasets", "fashion-mnist"));
        Assert.Equal(expected, places.Skip(4).Select(p => p.Folder));
    }
}

[Collection(Isolated.Name)]
public class FashionMnistDiscoveryTests
{
    [Fact]
    public void Load_data_without_a_path_finds_the_repository_copy_from_the_current_directory()
    {
        var saved = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(Repository.Path("tests"));
            Assert.Equal(DataTestHelpers.FashionMnistFolder, FashionMnist.Places(null)[2].Folder);
            var ((x, _), _) = tf.keras.datasets.fashion_mnist.load_data();
            Assert.Equal(60000, x.shape[0]);
        }
        finally
        {
            Directory.SetCurrentDirectory(saved);
        }
    }
}
