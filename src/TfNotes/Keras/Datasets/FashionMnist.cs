using System.Security.Cryptography;
using NumSharp;

namespace TfNotes.Keras.Datasets;

/// <summary>
/// <c>tf.keras.datasets.fashion_mnist</c>: Zalando's 70,000 28×28 grayscale images of 10 kinds of clothing
/// (60,000 for training, 6,000 per class; 10,000 for testing), MIT licence.
/// </summary>
public sealed class FashionMnist
{
    internal const string OfficialBaseUrl = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /// <summary>What to do when the files are nowhere: the three ways, as the error message gives them.</summary>
    internal const string HowToGetTheFiles =
        "To get the files: `sudo apt-get install dataset-fashion-mnist` (Debian, Ubuntu), or set TFNOTES_DATA to a folder " +
        "holding the four .gz files, or pass that folder (load_data(path: DIR); tfnotes: --data-dir DIR).";

    /// <summary>The four files, with the SHA-256 of their decompressed content (the official data).</summary>
    internal static readonly (string Name, string ContentSha256)[] Files =
    [
        ("train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        ("train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        ("t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        ("t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
    ];

    internal FashionMnist() { }

    /// <summary>The names of the four files, as every folder that holds the data has them.</summary>
    internal static IEnumerable<string> FileNames => Files.Select(f => f.Name);

    /// <summary><paramref name="folder"/> or its <c>fashion-mnist</c> subfolder, whichever holds the four files; null if neither.</summary>
    internal static string? FolderWithFiles(string folder) =>
        new[] { folder, Path.Combine(folder, "fashion-mnist") }.FirstOrDefault(HasAllFiles);

    /// <summary>
    /// <c>((x_train, y_train), (x_test, y_test))</c> as uint8 arrays: images (n, 28, 28) with values 0–255, labels (n,)
    /// with values 0–9. The files are looked for in: <paramref name="path"/>, <c>$TFNOTES_DATA</c>, the repository's
    /// <c>data/fashion-mnist</c>, <c>~/.tfnotes/datasets/fashion-mnist</c> and Debian's <c>dataset-fashion-mnist</c>
    /// (<c>datasets/fashion-mnist</c> in each of <c>$XDG_DATA_DIRS</c>, by default <c>/usr/local/share:/usr/share</c>),
    /// each folder or its <c>fashion-mnist</c> subfolder; if none has them they are downloaded (from
    /// <c>$TFNOTES_DATASETS_URL</c>, a mirror, if set) into <c>~/.tfnotes/datasets/fashion-mnist</c> and their checksums
    /// verified. Nowhere and no download: a <see cref="FileNotFoundException"/> whose one-line message names every
    /// place looked and the three ways to get the files.
    /// </summary>
    public ((NDArray x_train, NDArray y_train), (NDArray x_test, NDArray y_test)) load_data(string? path = null)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) };
        var mirror = Environment.GetEnvironmentVariable("TFNOTES_DATASETS_URL");
        return Load(Places(path), CacheDirectory, handler, string.IsNullOrEmpty(mirror) ? OfficialBaseUrl : mirror.TrimEnd('/') + "/");
    }

    internal static string CacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".tfnotes", "datasets", "fashion-mnist");

    /// <summary>Where to look, in order: a description for the error message and the folder (null when not applicable).</summary>
    internal static List<(string Place, string? Folder)> Places(string? path)
    {
        var data = Environment.GetEnvironmentVariable("TFNOTES_DATA");
        var repository = RepositoryDataFolder();
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_DIRS");
        var systemData = (string.IsNullOrEmpty(xdg) ? "/usr/local/share:/usr/share" : xdg).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return
        [
            (path is null ? "the path argument (not given)" : "the path argument", path),
            (data is null ? "$TFNOTES_DATA (not set)" : "$TFNOTES_DATA", data),
            (repository is null ? "the repository's data/fashion-mnist (no such folder above the application or the current directory)"
                : "the repository's data/fashion-mnist", repository),
            ("the download cache", CacheDirectory),
            .. systemData.Select(dir => ("the Debian package dataset-fashion-mnist", (string?)Path.Combine(dir, "datasets", "fashion-mnist"))),
        ];
    }

    static string? RepositoryDataFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data", "fashion-mnist");
                if (Directory.Exists(candidate)) return candidate;
            }
        return null;
    }

    internal static ((NDArray, NDArray), (NDArray, NDArray)) Load(List<(string Place, string? Folder)> places, string cache,
        HttpMessageHandler handler, string baseUrl)
    {
        var folder = places.Select(p => p.Folder).OfType<string>().Select(FolderWithFiles).FirstOrDefault(f => f is not null);
        if (folder is null)
        {
            try
            {
                Download(cache, handler, baseUrl);
                folder = cache;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException or IOException)
            {
                throw NotFound(places, cache, baseUrl, e);
            }
        }
        string File(int i) => Path.Combine(folder, Files[i].Name);
        return (Labelled(File(0), File(1)), Labelled(File(2), File(3)));
    }

    static (NDArray Images, NDArray Labels) Labelled(string images, string labels)
    {
        var x = IdxFile.Read(images, rank: 3);
        var y = IdxFile.Read(labels, rank: 1);
        if (x.shape[0] != y.shape[0])
            throw new InvalidDataException($"{images} holds {x.shape[0]} images but {labels} holds {y.shape[0]} labels");
        return (x, y);
    }

    static bool HasAllFiles(string folder) => Files.All(f => File.Exists(Path.Combine(folder, f.Name)));

    /// <summary>Fetches the four files into <paramref name="cache"/>, each kept only if its content has the official checksum.</summary>
    static void Download(string cache, HttpMessageHandler handler, string baseUrl)
    {
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromMinutes(5) };
        Directory.CreateDirectory(cache);
        foreach (var (name, sha256) in Files)
        {
            var target = Path.Combine(cache, name);
            if (File.Exists(target)) continue;
            var url = baseUrl + name;
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url));
            response.EnsureSuccessStatusCode();
            using var body = new MemoryStream();
            response.Content.ReadAsStream().CopyTo(body);
            var compressed = body.ToArray();
            var actual = Convert.ToHexStringLower(SHA256.HashData(IdxFile.Decompress(compressed)));
            if (actual != sha256)
                throw new InvalidDataException($"{url}: the decompressed content has SHA-256 {actual}, expected {sha256}; the file was not kept");
            var partial = target + ".part";
            File.WriteAllBytes(partial, compressed);
            File.Move(partial, target, overwrite: true);
        }
    }

    /// <summary>One line (a CLI prints it as it is): every place looked, the failed download, the three ways to get the files.</summary>
    static FileNotFoundException NotFound(List<(string Place, string? Folder)> places, string cache, string baseUrl, Exception failure)
    {
        var looked = places.Select(p => p.Folder is null ? p.Place : $"{p.Place} {p.Folder} (or its fashion-mnist subfolder)");
        var why = failure.Message.ReplaceLineEndings(" ");
        return new FileNotFoundException(
            $"Fashion-MNIST was not found: looked for {string.Join(", ", FileNames)} in {string.Join("; ", looked)}; " +
            $"downloading them from {baseUrl} into {cache} failed ({why}). {HowToGetTheFiles}", failure);
    }
}
