namespace TfNotes.Tuning.Storage;

/// <summary>
/// Optuna's RDB schema, the format TfNotes keeps studies in (SQLite and PostgreSQL), as our own DDL: the tables of
/// Optuna 3.0–3.1 (alembic revision <c>v3.0.0.d</c>) and of Optuna ≥ 3.2 (<c>v3.2.0.a</c>, which only adds the index
/// <c>trials_study_id_key</c>). A database is opened at the revision it has; a new one is created at
/// <see cref="DefaultRevision"/>, the one Debian 12's Optuna 3.1 reads (Optuna ≥ 3.2 asks for
/// <c>optuna storage upgrade</c> once, and TfNotes reads the upgraded database too). Enums are stored by name
/// (PostgreSQL: native enum types, as SQLAlchemy makes them); datetimes are local naive times, as Optuna writes them.
/// </summary>
public static class OptunaSchema
{
    /// <summary>Optuna 3.0–3.1's alembic revision.</summary>
    public const string Revision300d = "v3.0.0.d";
    /// <summary>Optuna ≥ 3.2's alembic revision (adds the index <c>trials_study_id_key</c>).</summary>
    public const string Revision320a = "v3.2.0.a";
    /// <summary>The revision of a new database: <see cref="Revision300d"/>, which Optuna 3.1 reads.</summary>
    public const string DefaultRevision = Revision300d;

    /// <summary>Revisions TfNotes reads and writes.</summary>
    public static readonly IReadOnlyList<string> KnownRevisions = [Revision300d, Revision320a];

    /// <summary>Optuna's revisions before 3.0's last one: Optuna upgrades them (<c>optuna storage upgrade</c>).</summary>
    internal static readonly IReadOnlyList<string> OlderRevisions =
        ["v0.9.0.a", "v1.2.0.a", "v1.3.0.a", "v2.4.0.a", "v2.6.0.a", "v3.0.0.a", "v3.0.0.b", "v3.0.0.c"];

    internal const int SchemaVersion = 12; // version_info.schema_version of both revisions

    /// <summary>The Optuna release whose schema a revision is (written into version_info, which Optuna shows in messages).</summary>
    internal static string LibraryVersion(string revision) => revision == Revision320a ? "3.2.0" : "3.1.0";

    internal static readonly (string Type, string[] Values)[] Enums =
    [
        ("studydirection", ["NOT_SET", "MINIMIZE", "MAXIMIZE"]),
        ("trialstate", ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"]),
        ("trialvaluetype", ["FINITE", "INF_POS", "INF_NEG"]),
        ("trialintermediatevaluetype", ["FINITE", "INF_POS", "INF_NEG", "NAN"]),
    ];

    /// <summary>
    /// The statements that create the schema at <paramref name="revision"/>. Placeholders: {pk} an auto-numbered integer
    /// key, {enum:TYPE:LENGTH} an enum column, {datetime}, {float}.
    /// </summary>
    internal static IEnumerable<string> CreateStatements(bool postgres, string revision)
    {
        string Columns(string sql) => System.Text.RegularExpressions.Regex.Replace(
            sql.Replace("{pk}", postgres ? "SERIAL NOT NULL" : "INTEGER NOT NULL")
                .Replace("{datetime}", postgres ? "TIMESTAMP WITHOUT TIME ZONE" : "DATETIME")
                .Replace("{float}", postgres ? "DOUBLE PRECISION" : "FLOAT"),
            @"\{enum:(\w+):(\d+)\}", m => postgres ? m.Groups[1].Value : $"VARCHAR({m.Groups[2].Value})");

        // The user and system attribute tables of studies or trials (each after the table its rows belong to).
        IEnumerable<string> Attributes(string owner, string parents) => new[] { "user", "system" }.Select(kind => Columns(
            $"CREATE TABLE {owner}_{kind}_attributes ({owner}_{kind}_attribute_id {{pk}}, {owner}_id INTEGER, \"key\" VARCHAR(512), " +
            $"value_json TEXT, PRIMARY KEY ({owner}_{kind}_attribute_id), UNIQUE ({owner}_id, \"key\"), " +
            $"FOREIGN KEY({owner}_id) REFERENCES {parents} ({owner}_id))"));

        if (postgres)
            foreach (var (type, values) in Enums)
                yield return $"CREATE TYPE {type} AS ENUM ({string.Join(", ", values.Select(v => $"'{v}'"))})";
        yield return Columns("CREATE TABLE studies (study_id {pk}, study_name VARCHAR(512) NOT NULL, PRIMARY KEY (study_id))");
        yield return "CREATE UNIQUE INDEX ix_studies_study_name ON studies (study_name)";
        yield return "CREATE TABLE version_info (version_info_id INTEGER NOT NULL, schema_version INTEGER, library_version VARCHAR(256), " +
                     "PRIMARY KEY (version_info_id), CHECK (version_info_id=1))";
        yield return Columns("CREATE TABLE study_directions (study_direction_id {pk}, direction {enum:studydirection:8} NOT NULL, " +
                             "study_id INTEGER NOT NULL, objective INTEGER NOT NULL, PRIMARY KEY (study_direction_id), " +
                             "UNIQUE (study_id, objective), FOREIGN KEY(study_id) REFERENCES studies (study_id))");
        foreach (var table in Attributes("study", "studies")) yield return table;
        yield return Columns("CREATE TABLE trials (trial_id {pk}, number INTEGER, study_id INTEGER, state {enum:trialstate:8} NOT NULL, " +
                             "datetime_start {datetime}, datetime_complete {datetime}, PRIMARY KEY (trial_id), " +
                             "FOREIGN KEY(study_id) REFERENCES studies (study_id))");
        foreach (var table in Attributes("trial", "trials")) yield return table;
        yield return Columns("CREATE TABLE trial_params (param_id {pk}, trial_id INTEGER, param_name VARCHAR(512), param_value {float}, " +
                             "distribution_json TEXT, PRIMARY KEY (param_id), UNIQUE (trial_id, param_name), " +
                             "FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        yield return Columns("CREATE TABLE trial_values (trial_value_id {pk}, trial_id INTEGER NOT NULL, objective INTEGER NOT NULL, " +
                             "value {float}, value_type {enum:trialvaluetype:7} NOT NULL, PRIMARY KEY (trial_value_id), " +
                             "UNIQUE (trial_id, objective), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        yield return Columns("CREATE TABLE trial_intermediate_values (trial_intermediate_value_id {pk}, trial_id INTEGER NOT NULL, " +
                             "step INTEGER NOT NULL, intermediate_value {float}, intermediate_value_type {enum:trialintermediatevaluetype:7} NOT NULL, " +
                             "PRIMARY KEY (trial_intermediate_value_id), UNIQUE (trial_id, step), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        yield return Columns("CREATE TABLE trial_heartbeats (trial_heartbeat_id {pk}, trial_id INTEGER NOT NULL, heartbeat {datetime} NOT NULL, " +
                             "PRIMARY KEY (trial_heartbeat_id), UNIQUE (trial_id), FOREIGN KEY(trial_id) REFERENCES trials (trial_id))");
        yield return "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))";
        if (revision == Revision320a) yield return "CREATE INDEX trials_study_id_key ON trials (study_id)";
        yield return $"INSERT INTO alembic_version (version_num) VALUES ('{revision}')";
        yield return $"INSERT INTO version_info (version_info_id, schema_version, library_version) VALUES (1, {SchemaVersion}, '{LibraryVersion(revision)}')";
    }

    /// <summary>Why a database at <paramref name="revision"/> cannot be used, or null when TfNotes reads it.</summary>
    internal static string? Refusal(string? revision, string libraryVersion) => revision switch
    {
        Revision300d or Revision320a => null,
        null => "has Optuna's tables but no alembic revision: open it once with Optuna (`optuna storage upgrade --storage URL`)",
        _ when OlderRevisions.Contains(revision) =>
            $"is at Optuna schema revision {revision} (set up by optuna {libraryVersion}), older than the ones TfNotes reads " +
            $"({string.Join(", ", KnownRevisions)}): upgrade it with `optuna storage upgrade --storage URL`",
        _ => $"is at Optuna schema revision {revision} (set up by optuna {libraryVersion}), which TfNotes does not know " +
             $"(it reads {string.Join(" and ", KnownRevisions)}, Optuna 3.0–4.x)",
    };
}
