using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using Npgsql;
using TfNotes.TestSupport;
using TfNotes.Tuning.Storage;

namespace TfNotes.Tuning.Tests;

public class StorageUrlTests
{
    [Fact]
    public void ParsesPostgresUrls()
    {
        var builder = new NpgsqlConnectionStringBuilder(
            StorageUrl.ToNpgsqlConnectionString("postgresql://tuner:p%40ss@db.example:6543/studies?sslmode=disable"));
        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("tuner", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal("studies", builder.Database);
        Assert.Equal(SslMode.Disable, builder.SslMode);

        var defaults = new NpgsqlConnectionStringBuilder(StorageUrl.ToNpgsqlConnectionString("postgres://localhost/tfnotes"));
        Assert.Equal(5432, defaults.Port);
        Assert.Null(defaults.Username);
        Assert.Throws<ArgumentException>(() => StorageUrl.ToNpgsqlConnectionString("postgresql://localhost"));
    }

    [Theory]
    [InlineData("sqlite:runs/tune.db", "runs/tune.db")]
    [InlineData("sqlite:///runs/tune.db", "runs/tune.db")]
    [InlineData("sqlite:////tmp/tune.db", "/tmp/tune.db")]
    [InlineData("runs/tune.db", "runs/tune.db")]
    public void SqliteIsTheDefaultAndTakesAPath(string url, string path) => Assert.Equal(path, StorageUrl.SqlitePath(url));

    [Fact]
    public void OpensTheRightStorage()
    {
        using var file = new TempSqliteFile();
        using (var sqlite = StorageUrl.Open("sqlite:" + file.Path)) Assert.IsType<SqliteStorage>(sqlite);
        using (var bare = StorageUrl.Open(file.Path)) Assert.IsType<SqliteStorage>(bare);
        using (var memory = StorageUrl.Open("memory:")) Assert.IsType<InMemoryStorage>(memory);
        Assert.True(File.Exists(file.Path));
        Assert.Throws<ArgumentException>(() => StorageUrl.Open("sqlite:"));
    }

    [Theory]
    [InlineData("postgresq://tuner:secret@db.example/studies", "postgresq")]
    [InlineData("ftp://x", "ftp")]
    [InlineData("mysql://tuner:secret@localhost/optuna", "mysql")]
    public void Unknown_schemes_are_errors_naming_the_accepted_ones_without_the_password(string url, string scheme)
    {
        var folder = Scratch.Folder("tfnotes-url-").FullName;
        var before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = folder;
            var error = Assert.Throws<ArgumentException>(() => StorageUrl.Open(url));
            Assert.Contains($"unknown storage scheme '{scheme}:'", error.Message);
            Assert.Contains(StorageUrl.Accepted, error.Message);
            Assert.DoesNotContain("secret", error.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder)); // no SQLite file named after the URL
        }
        finally
        {
            Environment.CurrentDirectory = before;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Passwords_are_redacted()
    {
        Assert.Equal("postgresql://tuner:***@db:5432/studies", StorageUrl.Redact("postgresql://tuner:secret@db:5432/studies"));
        Assert.Equal("postgres://tuner@db/studies", StorageUrl.Redact("postgres://tuner@db/studies"));
        Assert.Equal("Host=db;Username=tuner;Password=***;Database=studies", StorageUrl.Redact("Host=db;Username=tuner;Password=secret;Database=studies"));
    }

    [Fact]
    public void Bad_URL_settings_name_the_setting_and_never_the_password()
    {
        foreach (var url in new[] { "postgresql://tuner:secret@db", "postgresql://tuner:secret@db/s?connect_timeout=soon", "postgresql://tuner:secret@db/s?nonsense=1" })
        {
            var error = Assert.Throws<ArgumentException>(() => StorageUrl.Validate(url));
            Assert.DoesNotContain("secret", error.Message);
        }
    }

    [Fact]
    public void Waits_are_bounded_by_default_and_configurable_in_the_URL()
    {
        var (defaults, budget, revision) = StorageUrl.ParsePostgres("postgresql://tuner@db/studies");
        Assert.Equal(10, new NpgsqlConnectionStringBuilder(defaults).Timeout);
        Assert.Equal(30, new NpgsqlConnectionStringBuilder(defaults).CommandTimeout);
        Assert.Null(budget); // the storage's default: 60 s
        Assert.Equal("v3.0.0.d", revision);

        var (set, setBudget, setRevision) = StorageUrl.ParsePostgres(
            "postgresql://tuner@db/studies?connect_timeout=2&command_timeout=5&retry_budget=7&schema_revision=v3.2.0.a");
        Assert.Equal(2, new NpgsqlConnectionStringBuilder(set).Timeout);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(set).CommandTimeout);
        Assert.Equal(TimeSpan.FromSeconds(7), setBudget);
        Assert.Equal("v3.2.0.a", setRevision);
    }

    [Fact]
    public void A_server_that_accepts_but_never_answers_fails_within_the_budget_naming_host_and_port()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await listener.AcceptTcpClientAsync()); // accept, never answer
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<StorageException>(() =>
            StorageUrl.Open($"postgresql://tuner:secret@127.0.0.1:{port}/studies?connect_timeout=1&retry_budget=4"));

        Assert.InRange(clock.Elapsed.TotalSeconds, 3, 30);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("did not answer", error.Message);
        Assert.Contains("retry budget 4 s", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.NotEmpty(accepted);
        listener.Stop();
        accepted.ForEach(c => c.Dispose());
    }
}
