namespace TfNotes.Cli.Tests;

/// <summary>
/// A fact that needs the PostgreSQL server of <c>scripts/postgres.sh</c> (its connection string in TFNOTES_PG).
/// Skipped on a developer machine without it; under CI=true or TFNOTES_REQUIRE_PG=1 it runs and fails instead.
/// </summary>
public sealed class TunePostgresFactAttribute : FactAttribute
{
    public TunePostgresFactAttribute()
    {
        if (ConnectionString is null && !Required)
            Skip = "TFNOTES_PG is not set: run `eval \"$(scripts/postgres.sh start)\"` first (or set TFNOTES_REQUIRE_PG=1 to fail instead)";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable("TFNOTES_PG") is { Length: > 0 } s ? s : null;

    static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ||
        Environment.GetEnvironmentVariable("TFNOTES_REQUIRE_PG") == "1";

    public static string Require() => ConnectionString ?? throw new InvalidOperationException(
        "PostgreSQL tests are required (CI=true or TFNOTES_REQUIRE_PG=1) but TFNOTES_PG is not set: " +
        "run `eval \"$(scripts/postgres.sh start)\"` before `dotnet test`");
}
