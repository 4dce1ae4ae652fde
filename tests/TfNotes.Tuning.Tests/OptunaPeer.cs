using System.Diagnostics;

namespace TfNotes.Tuning.Tests;

/// <summary>
/// A fact that runs Debian's Optuna (python3-optuna 3.1, installed by scripts/test.sh) against TfNotes' storages.
/// Skipped where Optuna is missing, unless CI=true or TFNOTES_REQUIRE_PG=1 (the test command) make it fail instead.
/// </summary>
public sealed class OptunaFactAttribute : FactAttribute
{
    public OptunaFactAttribute()
    {
        if (!OptunaPeer.Available && !PostgresTestDatabase.Required)
            Skip = "Debian's python3-optuna is not installed: run scripts/apt-install.sh python3-optuna python3-psycopg2 python3-matplotlib python3-sklearn";
    }

    /// <summary>The test needs the PostgreSQL server too (see <see cref="PostgresFactAttribute"/>).</summary>
    public bool Postgres
    {
        get => false;
        init
        {
            if (value && Skip is null && PostgresTestDatabase.ConnectionString is null && !PostgresTestDatabase.Required)
                Skip = "TFNOTES_PG is not set: run `eval \"$(scripts/postgres.sh start)\"` first";
        }
    }
}

/// <summary>Runs the Python scripts beside these tests with Debian's Python, where python3-optuna lives.</summary>
internal static class OptunaPeer
{
    public const string Python = "/usr/bin/python3";

    static readonly Lazy<bool> available = new(() =>
    {
        try
        {
            return Run(["-c", "import optuna, psycopg2, matplotlib, sklearn"], timeoutSeconds: 60).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public static bool Available => available.Value;

    /// <summary>A script of tests/&lt;project&gt;/…, found from the repository root above the test assembly.</summary>
    public static string Script(string relativePath)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TfNotes.sln"))) directory = directory.Parent;
        Assert.True(directory is not null, "the repository root (TfNotes.sln) is not above the test assembly");
        var path = Path.Combine(directory!.FullName, "tests", relativePath);
        Assert.True(File.Exists(path), $"{path} is missing");
        return path;
    }

    /// <summary>Starts a script; stdout (its first line on its own) and stderr are read to their ends as it runs.</summary>
    public static (Process Process, Task<string> FirstLine, Task<string> Output, Task<string> Errors) Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Matplotlib draws into files only; numpy and scikit-learn share the 2 cores with the tests.
        start.Environment["MPLBACKEND"] = "Agg";
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        var process = Process.Start(start)!;
        var firstLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = Task.Run(async () =>
        {
            var text = new System.Text.StringBuilder();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                firstLine.TrySetResult(line);
                text.AppendLine(line);
            }
            firstLine.TrySetResult("");
            return text.ToString();
        });
        return (process, firstLine.Task, output, process.StandardError.ReadToEndAsync());
    }

    public static (int ExitCode, string Output, string Errors) Run(IEnumerable<string> arguments, int timeoutSeconds = 120)
    {
        var (process, _, output, errors) = Start(arguments);
        using (process)
        {
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                return (-1, output.Result, $"timed out after {timeoutSeconds} s\n{errors.Result}");
            }
            process.WaitForExit();
            return (process.ExitCode, output.Result, errors.Result);
        }
    }

    /// <summary>The SQLAlchemy URL Optuna takes for a TFNOTES_PG connection string.</summary>
    public static string PostgresUrl(string npgsqlConnectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(npgsqlConnectionString);
        var user = Uri.EscapeDataString(b.Username ?? "postgres") + (string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password));
        return $"postgresql://{user}@{b.Host}:{b.Port}/{b.Database}";
    }
}
