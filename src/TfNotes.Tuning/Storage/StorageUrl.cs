using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace TfNotes.Tuning.Storage;

/// <summary>
/// Opens a storage from one string, as a command line takes it: <c>sqlite:PATH</c> (also <c>sqlite:///PATH</c>, as
/// SQLAlchemy and Optuna write it) or a bare file path → <see cref="SqliteStorage"/>;
/// <c>postgresql://user:pass@host:port/db?k=v</c> (or <c>postgres://</c>) or an Npgsql connection string
/// (<c>Host=…;Database=…</c>) → <see cref="PostgresStorage"/>; <c>memory:</c> → <see cref="InMemoryStorage"/>.
/// Any other scheme is an error naming these. PostgreSQL URLs take libpq's <c>connect_timeout</c> (seconds, default
/// 10), <c>command_timeout</c> (30), TfNotes' <c>retry_budget</c> (seconds retried in all, default 60) and
/// <c>schema_revision</c> (of a new database: v3.0.0.d or v3.2.0.a); other keys go to Npgsql. Passwords never
/// appear in errors (<see cref="Redact"/>).
/// </summary>
public static partial class StorageUrl
{
    /// <summary>The forms <see cref="Open"/> accepts, for error messages and help.</summary>
    public const string Accepted =
        "sqlite:PATH (or sqlite:///PATH, or a file path), postgresql://USER@HOST:PORT/DB (or postgres://), " +
        "an Npgsql connection string (Host=…;Database=…) or memory:";

    /// <summary>The storage <paramref name="url"/> names (see the class); another form throws naming the accepted
    /// ones.</summary>
    public static IStorage Open(string url)
    {
        switch (KindOf(url))
        {
            case Kind.Postgres:
                var (connectionString, budget, revision) = ParsePostgres(url);
                return new PostgresStorage(connectionString, budget, revision);
            case Kind.Npgsql:
                return new PostgresStorage(url);
            case Kind.Memory:
                return new InMemoryStorage();
            default:
                return new SqliteStorage(SqlitePath(url));
        }
    }

    /// <summary>Throws the error <see cref="Open"/> would for a malformed URL, without connecting to anything.</summary>
    public static void Validate(string url)
    {
        switch (KindOf(url))
        {
            case Kind.Postgres: ParsePostgres(url); break;
            case Kind.Sqlite: SqlitePath(url); break;
        }
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
    public static string ToNpgsqlConnectionString(string url) => ParsePostgres(url).ConnectionString;

    /// <summary>The URL with its password, if any, replaced by <c>***</c>: what messages and exports show.</summary>
    public static string Redact(string url) =>
        NpgsqlPassword().Replace(UrlPassword().Replace(url, "$1***@"), "$1***");

    internal static (string ConnectionString, TimeSpan? RetryBudget, string Revision) ParsePostgres(string url)
    {
        Uri uri;
        try
        {
            uri = new Uri(url);
        }
        catch (UriFormatException e)
        {
            throw new ArgumentException($"storage URL '{Redact(url)}' is not a URL: {e.Message}", nameof(url), e);
        }
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
        TimeSpan? budget = null;
        var revision = OptunaSchema.DefaultRevision;
        builder.Timeout = 10;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            int Seconds() => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0
                ? s
                : throw new ArgumentException($"{key} in storage URL '{Redact(url)}' must be a positive number of seconds, got '{value}'", nameof(url));
            switch (key)
            {
                case "connect_timeout": builder.Timeout = Seconds(); break;
                case "command_timeout": builder.CommandTimeout = Seconds(); break;
                case "retry_budget": budget = TimeSpan.FromSeconds(Seconds()); break;
                case "schema_revision":
                    revision = OptunaSchema.KnownRevisions.Contains(value)
                        ? value
                        : throw new ArgumentException($"schema_revision in storage URL '{Redact(url)}' must be {string.Join(" or ", OptunaSchema.KnownRevisions)}, got '{value}'", nameof(url));
                    break;
                default:
                    try
                    {
                        builder[key] = value;
                    }
                    catch (Exception e) when (e is ArgumentException or FormatException)
                    {
                        throw new ArgumentException($"storage URL '{Redact(url)}': {key}={value} is not a connection setting ({e.Message})", nameof(url), e);
                    }
                    break;
            }
        }
        if (string.IsNullOrEmpty(builder.Database))
            throw new ArgumentException($"no database in storage URL '{Redact(url)}': write postgresql://USER@HOST:PORT/DB", nameof(url));
        return (builder.ToString(), budget, revision);
    }

    private enum Kind { Sqlite, Postgres, Npgsql, Memory }

    private static Kind KindOf(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            return Kind.Postgres;
        if (url.Contains("Host=", StringComparison.OrdinalIgnoreCase) && url.Contains('=')) return Kind.Npgsql;
        if (url.Equals("memory:", StringComparison.OrdinalIgnoreCase)) return Kind.Memory;
        if (url.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)) return Kind.Sqlite;
        // A scheme of two letters or more (a Windows drive letter is a path) that is none of the above.
        if (Scheme().Match(url) is { Success: true } scheme)
            throw new ArgumentException(
                $"unknown storage scheme '{scheme.Groups[1].Value}:' in '{Redact(url)}': use {Accepted}", nameof(url));
        return Kind.Sqlite;
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]+):")]
    private static partial Regex Scheme();

    [GeneratedRegex(@"(://[^:/@?#]*:)[^@/?#]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"((?:^|;)\s*Password\s*=\s*)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex NpgsqlPassword();
}
