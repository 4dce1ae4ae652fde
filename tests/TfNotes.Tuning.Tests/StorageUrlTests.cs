using Npgsql;
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
}
