namespace TfNotes.Tuning.Tests;

/// <summary>
/// A fact that needs the PostgreSQL server of <c>scripts/postgres.sh</c> (connection string in TFNOTES_PG).
/// Without it the test is skipped on a developer machine; under CI=true or TFNOTES_REQUIRE_PG=1 it runs and
/// fails with a message saying how to start the server.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.ConnectionString is null && !PostgresTestDatabase.Required)
            Skip = "TFNOTES_PG is not set: run `eval \"$(scripts/postgres.sh start)\"` first (or set TFNOTES_REQUIRE_PG=1 to fail instead)";
    }
}

internal static class PostgresTestDatabase
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("TFNOTES_PG") is { Length: > 0 } s ? s : null;

    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ||
        Environment.GetEnvironmentVariable("TFNOTES_REQUIRE_PG") == "1";

    public static string Require() => ConnectionString ?? throw new InvalidOperationException(
        "PostgreSQL tests are required (CI=true or TFNOTES_REQUIRE_PG=1) but TFNOTES_PG is not set: " +
        "run `eval \"$(scripts/postgres.sh start)\"` before `dotnet test`");
}
