using System.Globalization;
using System.Text.Json;
using GradingEngine.Batch.Output;
using Npgsql;
using NpgsqlTypes;

namespace GradingEngine.Store.Postgres;

/// <summary>
/// The store in PostgreSQL, for a province's servers. Results are partitioned by run: a run's rows are loaded with
/// binary <c>COPY</c> into a table of their own (<c>results_run_&lt;id&gt;</c>), indexed once loaded, and attached to
/// <c>results</c> in the transaction that makes the run complete; replacing a run drops its table, so nothing is deleted
/// row by row. Two runs of one province and year take turns on an advisory lock.
/// </summary>
internal sealed partial class PostgresBackend : StoreBackend
{
    private const string Columns = "run_id, kind, seq, subject_id, organisation_id, name, region, level, total, items, flags, measures, quota, bottom_ranking, last_year, change";

    private static readonly string[] Schema1 =
    [
        """
        CREATE TABLE runs (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            province text NOT NULL,
            year integer NOT NULL,
            grading_date date NOT NULL,
            status text NOT NULL CHECK (status IN ('writing', 'complete', 'replaced')),
            engine text NOT NULL,
            schemes jsonb NOT NULL,
            inputs jsonb NOT NULL,
            region_levels jsonb NOT NULL,
            items jsonb,
            rows_read bigint,
            graded bigint,
            rejected bigint,
            summary jsonb,
            started_at timestamptz NOT NULL,
            finished_at timestamptz)
        """,
        "CREATE UNIQUE INDEX runs_one_complete ON runs (province, year) WHERE status = 'complete'",
        "CREATE TABLE subject_kinds (kind smallint PRIMARY KEY, name text NOT NULL, label text NOT NULL)",
        "INSERT INTO subject_kinds VALUES (1, 'team', '领导班子'), (2, 'member', '党员'), (3, 'organisation', '党组织')",
        """
        CREATE TABLE results (
            run_id bigint NOT NULL,
            kind smallint NOT NULL,
            seq integer NOT NULL,
            subject_id text NOT NULL,
            organisation_id text,
            name text,
            region text[],
            level text,
            total double precision NOT NULL,
            items double precision[] NOT NULL,
            flags text[],
            measures text[],
            quota text,
            bottom_ranking text,
            last_year text,
            change text,
            PRIMARY KEY (run_id, kind, seq)) PARTITION BY LIST (run_id)
        """,
        "CREATE VIEW complete_runs AS SELECT * FROM runs WHERE status = 'complete'",
        """
        CREATE VIEW current_results AS
            SELECT u.province, u.year, k.label AS kind_label, r.*
            FROM results r JOIN runs u ON u.id = r.run_id JOIN subject_kinds k ON k.kind = r.kind
            WHERE u.status = 'complete'
        """,
    ];

    /// <summary>Version 2: each complete run's report aggregates, one JSON document, written with the run's completion.</summary>
    private static readonly string[] Schema2 =
    [
        "CREATE TABLE run_reports (run_id bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE, format integer NOT NULL, report jsonb NOT NULL)",
    ];

    private readonly NpgsqlConnection _connection;
    private readonly string _where;
    private long _lock;

    public PostgresBackend(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _where = $"PostgreSQL {builder.Host}{(builder.Port != 5432 ? ":" + builder.Port.ToString(CultureInfo.InvariantCulture) : string.Empty)}/{builder.Database}";
        _connection = new NpgsqlConnection(connectionString);
        try
        {
            _connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            _connection.Dispose();
            throw new StoreException($"无法连接结果库 {_where}：{ex.Message} (cannot connect to the results store)", ex);
        }
    }

    public override string Where => _where;

    public override bool JsonLists => false;

    public override int SchemaVersion()
    {
        if (Scalar("SELECT to_regclass('schema_version') IS NOT NULL") is not true)
        {
            return 0;
        }

        return Convert.ToInt32(Scalar("SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
    }

    public override void Migrate()
    {
        using var transaction = _connection.BeginTransaction();
        Execute("SELECT pg_advisory_xact_lock(7013)"); // two tools migrating at once take turns
        Execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        var version = SchemaVersion();
        if (version > CurrentSchemaVersion)
        {
            throw new StoreException($"结果库 {Where} 的结构版本为 {version}，本工具只认识到 {CurrentSchemaVersion}：请使用更新的 grading (the store's schema version {version} is newer than this tool's {CurrentSchemaVersion})");
        }

        if (version < 1)
        {
            foreach (var statement in Schema1)
            {
                Execute(statement);
            }

            Execute("INSERT INTO schema_version (version) VALUES (1)");
        }

        if (version < 2)
        {
            foreach (var statement in Schema2)
            {
                Execute(statement);
            }

            Execute("INSERT INTO schema_version (version) VALUES (2)");
        }

        if (version < 3)
        {
            // Version 3 changed SQLite's result rows only (keyed by a rowid); PostgreSQL's tables stay as they are.
            Execute("INSERT INTO schema_version (version) VALUES (3)");
        }

        transaction.Commit();
    }

    public override long BeginRun(RunRecord run)
    {
        _lock = StableLockKey(run.Province, run.Year);
        Execute(Sql.Text($"SELECT pg_advisory_lock({_lock})"));
        DeleteLeftovers(run.Province, run.Year);
        var d = run.Description;
        using var insert = Command(
            """
            INSERT INTO runs (province, year, grading_date, status, engine, schemes, inputs, region_levels, started_at)
            VALUES ($1, $2, $3, 'writing', $4, $5::jsonb, $6::jsonb, $7::jsonb, $8) RETURNING id
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = run.Province });
        insert.Parameters.Add(new NpgsqlParameter { Value = run.Year });
        insert.Parameters.Add(new NpgsqlParameter { Value = d.GradingDate });
        insert.Parameters.Add(new NpgsqlParameter { Value = d.Engine });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(d.Schemes, RunJson.Options) });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(d.Inputs, RunJson.Options) });
        insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(d.RegionLevels, RunJson.Options) });
        insert.Parameters.Add(new NpgsqlParameter { Value = d.Started.ToUniversalTime() });
        var id = (long)insert.ExecuteScalar()!;
        Execute(Sql.Text($"CREATE TABLE {Partition(id)} (LIKE results INCLUDING DEFAULTS, CHECK (run_id = {id}))"));
        return id;
    }

    public override IStoreRowWriter OpenRows(long runId) => new RowWriter(this, runId);

    public override void CompleteRun(long runId, RunRecord run, RunTotals totals)
    {
        var replaced = new List<long>();
        using (var transaction = _connection.BeginTransaction())
        {
            using (var find = Command("UPDATE runs SET status = 'replaced' WHERE province = $1 AND year = $2 AND status = 'complete' RETURNING id"))
            {
                find.Parameters.Add(new NpgsqlParameter { Value = run.Province });
                find.Parameters.Add(new NpgsqlParameter { Value = run.Year });
                using var reader = find.ExecuteReader();
                while (reader.Read())
                {
                    replaced.Add(reader.GetInt64(0));
                }
            }

            Execute(Sql.Text($"ALTER TABLE results ATTACH PARTITION {Partition(runId)} FOR VALUES IN ({runId})"));
            using var complete = Command(
                """
                UPDATE runs SET status = 'complete', items = $1::jsonb, rows_read = $2, graded = $3, rejected = $4,
                    summary = $5::jsonb, finished_at = $6 WHERE id = $7 AND status = 'writing'
                """);
            complete.Parameters.Add(new NpgsqlParameter { Value = run.ItemsJson });
            complete.Parameters.Add(new NpgsqlParameter { Value = totals.RowsRead });
            complete.Parameters.Add(new NpgsqlParameter { Value = totals.Graded });
            complete.Parameters.Add(new NpgsqlParameter { Value = totals.Rejected });
            complete.Parameters.Add(new NpgsqlParameter { Value = totals.SummaryJson });
            complete.Parameters.Add(new NpgsqlParameter { Value = totals.Finished.ToUniversalTime() });
            complete.Parameters.Add(new NpgsqlParameter { Value = runId });
            if (complete.ExecuteNonQuery() != 1)
            {
                throw new StoreException($"结果库 {Where} 中第 {runId} 次运行已不在写入状态 (run {runId} is no longer being written)");
            }

            if (totals.ReportJson is { } report)
            {
                using var insert = Command("INSERT INTO run_reports (run_id, format, report) VALUES ($1, $2, $3::jsonb)");
                insert.Parameters.Add(new NpgsqlParameter { Value = runId });
                insert.Parameters.Add(new NpgsqlParameter { Value = Batch.Report.ReportJson.Format });
                insert.Parameters.Add(new NpgsqlParameter { Value = report });
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        DeleteLeftovers(run.Province, run.Year);
        Unlock();
    }

    public override void AbandonRun(long runId)
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        Execute(Sql.Text($"DROP TABLE IF EXISTS {Partition(runId)}"));
        Execute(Sql.Text($"DELETE FROM runs WHERE id = {runId} AND status = 'writing'"));
        Unlock();
    }

    public override long? CompleteRunOf(string province, int year)
    {
        using var command = Command("SELECT id FROM runs WHERE province = $1 AND year = $2 AND status = 'complete'");
        command.Parameters.Add(new NpgsqlParameter { Value = province });
        command.Parameters.Add(new NpgsqlParameter { Value = year });
        return command.ExecuteScalar() is long id ? id : null;
    }

    public override IEnumerable<(string Id, string Level)> OrganisationLevels(long runId)
    {
        using var command = Command("SELECT subject_id, level FROM results WHERE run_id = $1 AND kind = 3 AND level IS NOT NULL ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1));
        }
    }

    public override IReadOnlyList<StoredRun> Runs(bool includeIncomplete)
    {
        using var command = Command(
            "SELECT id, province, year, grading_date, status, engine, schemes::text, coalesce(rows_read, 0), coalesce(graded, 0), coalesce(rejected, 0), started_at, finished_at FROM runs"
            + (includeIncomplete ? string.Empty : " WHERE status = 'complete'") + " ORDER BY year DESC, id DESC");
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            runs.Add(new StoredRun(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetFieldValue<DateOnly>(3),
                reader.GetString(4),
                reader.GetString(5),
                RunJson.Schemes(reader.GetString(6)),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11)));
        }

        return runs;
    }

    public override IEnumerable<StoredResult> Results(long runId, ResultKind kind)
    {
        using var command = Command("SELECT subject_id, organisation_id, name, region, level, total, items, flags, measures, quota, bottom_ranking, last_year, change FROM results WHERE run_id = $1 AND kind = $2 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)kind });
        using var reader = command.ExecuteReader();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        string[]? Texts(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<string[]>(i);
        while (reader.Read())
        {
            yield return new StoredResult(reader.GetString(0), Text(1), Text(2), Texts(3), Text(4), reader.GetDouble(5),
                reader.GetFieldValue<double[]>(6), Texts(7), Texts(8), Text(9), Text(10), Text(11), Text(12));
        }
    }

    public override void Dispose() => _connection.Dispose();

    private static string Partition(long runId) => Sql.Text($"results_run_{runId}");

    /// <summary>A lock key for a province and year that every session computes alike (FNV-1a over the UTF-16 text).</summary>
    private static long StableLockKey(string province, int year)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in province)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (long)((hash ^ (ulong)year) * 1099511628211UL);
    }

    private void Unlock()
    {
        if (_lock != 0)
        {
            Execute(Sql.Text($"SELECT pg_advisory_unlock({_lock})"));
            _lock = 0;
        }
    }

    /// <summary>Drops what runs of this province and year left that are not complete (abandoned or replaced).</summary>
    private void DeleteLeftovers(string province, int year)
    {
        var stale = new List<long>();
        using (var find = Command("SELECT id FROM runs WHERE province = $1 AND year = $2 AND status <> 'complete'"))
        {
            find.Parameters.Add(new NpgsqlParameter { Value = province });
            find.Parameters.Add(new NpgsqlParameter { Value = year });
            using var reader = find.ExecuteReader();
            while (reader.Read())
            {
                stale.Add(reader.GetInt64(0));
            }
        }

        foreach (var id in stale)
        {
            using var transaction = _connection.BeginTransaction();
            Execute(Sql.Text($"DROP TABLE IF EXISTS {Partition(id)}"));
            Execute(Sql.Text($"DELETE FROM runs WHERE id = {id}"));
            transaction.Commit();
        }
    }

    private NpgsqlCommand Command(string sql) => new(sql, _connection);

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }

    /// <summary>Binary COPY into the run's own table (rows encoded by <see cref="BinaryCopyRows"/>), its primary key built once every row is in.</summary>
    private sealed class RowWriter : IStoreRowWriter
    {
        private readonly PostgresBackend _store;
        private readonly long _runId;
        private NpgsqlRawCopyStream? _copy;
        private readonly BinaryCopyRows _rows;

        public RowWriter(PostgresBackend store, long runId)
        {
            (_store, _runId) = (store, runId);
            _copy = store._connection.BeginRawBinaryCopy($"COPY {Partition(runId)} ({Columns}) FROM STDIN (FORMAT BINARY)");
            _rows = new BinaryCopyRows(_copy);
            _rows.Header();
        }

        /// <summary>Not used: PostgreSQL keeps lists as arrays, so its rows come as <see cref="StoredRow"/>s.</summary>
        public void Write(TextRows rows) => throw new NotSupportedException("PostgreSQL rows are written as StoredRow");

        public void Write(StoredRow row) => _rows.Row(_runId, row);

        public void Finish()
        {
            _rows.Trailer();
            _copy!.Dispose(); // ends the COPY: the server checks and loads the rows
            _copy = null;
            _store.Execute(Sql.Text($"ALTER TABLE {Partition(_runId)} ADD PRIMARY KEY (run_id, kind, seq)"));
        }

        public void Dispose()
        {
            if (_copy is null)
            {
                return;
            }

            try
            {
                _copy.Cancel(); // not finished: the COPY is cancelled, the table stays empty
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or InvalidOperationException)
            {
                // the connection is gone; the run stays 'writing' and the next run of this province and year deletes it
            }

            _copy = null;
        }
    }
}
