using Npgsql;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// Opens a storage from one string, as a command line takes it:
/// <c>sqlite:PATH</c> (also <c>sqlite:///PATH</c>) or a bare file path → <see cref="SqliteStorage"/>;
/// <c>postgresql://user:pass@host:port/db</c> (or <c>postgres://</c>) or an Npgsql connection string
/// (<c>Host=…;Database=…</c>) → <see cref="PostgresStorage"/>; <c>memory:</c> → <see cref="InMemoryStorage"/>.
/// </summary>
public static class StorageUrl
{
    public static IStorage Open(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
            url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return new PostgresStorage(ToNpgsqlConnectionString(url));
        if (url.Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return new PostgresStorage(url);
        if (url.Equals("memory:", StringComparison.OrdinalIgnoreCase))
            return new InMemoryStorage();
        return new SqliteStorage(SqlitePath(url));
    }

    /// <summary>The file of a <c>sqlite:PATH</c>, <c>sqlite:///PATH</c> or bare-path URL.</summary>
    public static string SqlitePath(string url)
    {
        if (!url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return url;
        var path = url["sqlite:".Length..];
        // sqlite:///relative.db and sqlite:////absolute.db, as in SQLAlchemy and Optuna.
        if (path.StartsWith("///")) path = path[3..];
        if (path.Length == 0) throw new ArgumentException($"no file in storage URL '{url}'", nameof(url));
        return path;
    }

    /// <summary>Turns <c>postgresql://user:pass@host:port/db?k=v</c> into an Npgsql connection string.</summary>
    public static string ToNpgsqlConnectionString(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        if (string.IsNullOrEmpty(builder.Database))
            throw new ArgumentException($"no database in storage URL '{url}'", nameof(url));
        return builder.ToString();
    }
}
