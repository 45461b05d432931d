using System.Globalization;
using System.Text.Json;
using GradingEngine.Batch.Output;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace GradingEngine.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (by default <c>results.db</c> in the results folder), no set-up. WAL journal,
/// <c>synchronous=NORMAL</c>; a run's rows go in through one prepared statement in one transaction, on a rollback
/// journal while they are written, with lists (items, flags, measures, region) as JSON text.
/// </summary>
internal sealed partial class SqliteBackend : StoreBackend
{
    private const string ValueColumns = "subject_id, organisation_id, name, region, level, total, items, flags, measures, quota, bottom_ranking, last_year, change";

    /// <summary>The complete runs' results with their province, year and kind's label (made again when version 3 rebuilt <c>results</c>).</summary>
    private const string CurrentResultsView = """
        CREATE VIEW current_results AS
            SELECT u.province, u.year, k.label AS kind_label, r.*
            FROM results r JOIN runs u ON u.id = r.run_id JOIN subject_kinds k ON k.kind = r.kind
            WHERE u.status = 'complete'
        """;

    private static readonly string[] Schema1 =
    [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            province TEXT NOT NULL,
            year INTEGER NOT NULL,
            grading_date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('writing', 'complete', 'replaced')),
            engine TEXT NOT NULL,
            schemes TEXT NOT NULL,
            inputs TEXT NOT NULL,
            region_levels TEXT NOT NULL,
            items TEXT,
            rows_read INTEGER,
            graded INTEGER,
            rejected INTEGER,
            summary TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT)
        """,
        "CREATE UNIQUE INDEX runs_one_complete ON runs (province, year) WHERE status = 'complete'",
        """
        CREATE TABLE subject_kinds (kind INTEGER PRIMARY KEY, name TEXT NOT NULL, label TEXT NOT NULL)
        """,
        "INSERT INTO subject_kinds VALUES (1, 'team', '领导班子'), (2, 'member', '党员'), (3, 'organisation', '党组织')",
        """
        CREATE TABLE results (
            run_id INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            subject_id TEXT NOT NULL,
            organisation_id TEXT,
            name TEXT,
            region TEXT,
            level TEXT,
            total REAL NOT NULL,
            items TEXT NOT NULL,
            flags TEXT,
            measures TEXT,
            quota TEXT,
            bottom_ranking TEXT,
            last_year TEXT,
            change TEXT,
            PRIMARY KEY (run_id, kind, seq)) WITHOUT ROWID
        """,
        "CREATE VIEW complete_runs AS SELECT * FROM runs WHERE status = 'complete'",
        CurrentResultsView,
    ];

    /// <summary>Version 2: each complete run's report aggregates, one JSON document, written with the run's completion.</summary>
    private static readonly string[] Schema2 =
    [
        "CREATE TABLE run_reports (run_id INTEGER PRIMARY KEY, format INTEGER NOT NULL, report TEXT NOT NULL)",
    ];

    /// <summary>
    /// Version 3: result rows in a rowid table keyed by <see cref="RowKey"/> (run, kind and row number in one integer;
    /// <c>run_id</c>, <c>kind</c> and <c>seq</c> stay as columns computed from it). Version 1's table was WITHOUT ROWID
    /// on (run_id, kind, seq), which keeps whole rows of about 300 bytes in its interior pages: each insert searched
    /// from the root comparing records, pages split often, and the file was larger than the rows.
    /// </summary>
    private static readonly string[] Schema3 =
    [
        """
        CREATE TABLE results_v3 (
            row_key INTEGER PRIMARY KEY,
            run_id INTEGER GENERATED ALWAYS AS (row_key >> 34) VIRTUAL,
            kind INTEGER GENERATED ALWAYS AS ((row_key >> 32) & 3) VIRTUAL,
            seq INTEGER GENERATED ALWAYS AS (row_key & 4294967295) VIRTUAL,
            subject_id TEXT NOT NULL,
            organisation_id TEXT,
            name TEXT,
            region TEXT,
            level TEXT,
            total REAL NOT NULL,
            items TEXT NOT NULL,
            flags TEXT,
            measures TEXT,
            quota TEXT,
            bottom_ranking TEXT,
            last_year TEXT,
            change TEXT)
        """,
        $"INSERT INTO results_v3 (row_key, {ValueColumns}) SELECT (run_id << 34) | (kind << 32) | seq, {ValueColumns} FROM results ORDER BY run_id, kind, seq",
        "DROP VIEW current_results",
        "DROP TABLE results",
        "ALTER TABLE results_v3 RENAME TO results",
        CurrentResultsView,
    ];

    private readonly SqliteConnection _connection;
    private readonly string _file;
    private SqliteTransaction? _active;

    public SqliteBackend(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        _file = builder.DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(_file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        Execute("PRAGMA page_size=65536"); // a new file only: a province's rows in 27,000 pages rather than 430,000
        Execute("PRAGMA journal_mode=WAL");
        Execute("PRAGMA synchronous=NORMAL");
        Execute("PRAGMA busy_timeout=60000");
        Execute("PRAGMA cache_size=-65536");
    }

    public override string Where => Path.GetFullPath(_file);

    public override bool JsonLists => true;

    public override int SchemaVersion()
    {
        if (Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") is 0L)
        {
            return 0;
        }

        return Convert.ToInt32(Scalar("SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
    }

    public override void Migrate()
    {
        using var transaction = Begin();
        Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)", transaction);
        var version = SchemaVersion();
        if (version > CurrentSchemaVersion)
        {
            throw new StoreException($"结果库 {Where} 的结构版本为 {version}，本工具只认识到 {CurrentSchemaVersion}：请使用更新的 grading (the store's schema version {version} is newer than this tool's {CurrentSchemaVersion})");
        }

        if (version < 1)
        {
            foreach (var statement in Schema1)
            {
                Execute(statement, transaction);
            }

            Execute(Sql.Text($"INSERT INTO schema_version VALUES (1, '{DateTimeOffset.Now:O}')"), transaction);
        }

        if (version < 2)
        {
            foreach (var statement in Schema2)
            {
                Execute(statement, transaction);
            }

            Execute(Sql.Text($"INSERT INTO schema_version VALUES (2, '{DateTimeOffset.Now:O}')"), transaction);
        }

        if (version < 3)
        {
            if (Scalar("SELECT count(*) FROM pragma_table_xinfo('results') WHERE name = 'row_key'") is 0L)
            {
                foreach (var statement in Schema3)
                {
                    Execute(statement, transaction);
                }
            }

            Execute(Sql.Text($"INSERT INTO schema_version VALUES (3, '{DateTimeOffset.Now:O}')"), transaction);
        }

        transaction.Commit();
    }

    public override long BeginRun(RunRecord run)
    {
        using var transaction = Begin();
        DeleteLeftovers(run.Province, run.Year, transaction);
        using var insert = Command(
            """
            INSERT INTO runs (province, year, grading_date, status, engine, schemes, inputs, region_levels, started_at)
            VALUES ($province, $year, $date, 'writing', $engine, $schemes, $inputs, $regions, $started) RETURNING id
            """, transaction);
        var d = run.Description;
        insert.Parameters.AddWithValue("$province", run.Province);
        insert.Parameters.AddWithValue("$year", run.Year);
        insert.Parameters.AddWithValue("$date", d.GradingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$engine", d.Engine);
        insert.Parameters.AddWithValue("$schemes", JsonSerializer.Serialize(d.Schemes, RunJson.Options));
        insert.Parameters.AddWithValue("$inputs", JsonSerializer.Serialize(d.Inputs, RunJson.Options));
        insert.Parameters.AddWithValue("$regions", JsonSerializer.Serialize(d.RegionLevels, RunJson.Options));
        insert.Parameters.AddWithValue("$started", d.Started.ToString("O", CultureInfo.InvariantCulture));
        var id = (long)insert.ExecuteScalar()!;
        transaction.Commit();
        return id;
    }

    public override IStoreRowWriter OpenRows(long runId) => new RowWriter(this, runId);

    public override void CompleteRun(long runId, RunRecord run, RunTotals totals)
    {
        using (var transaction = Begin())
        {
            using var replace = Command("UPDATE runs SET status = 'replaced' WHERE province = $p AND year = $y AND status = 'complete'", transaction);
            replace.Parameters.AddWithValue("$p", run.Province);
            replace.Parameters.AddWithValue("$y", run.Year);
            replace.ExecuteNonQuery();
            using var complete = Command(
                """
                UPDATE runs SET status = 'complete', items = $items, rows_read = $read, graded = $graded, rejected = $rejected,
                    summary = $summary, finished_at = $finished WHERE id = $id AND status = 'writing'
                """, transaction);
            complete.Parameters.AddWithValue("$items", run.ItemsJson);
            complete.Parameters.AddWithValue("$read", totals.RowsRead);
            complete.Parameters.AddWithValue("$graded", totals.Graded);
            complete.Parameters.AddWithValue("$rejected", totals.Rejected);
            complete.Parameters.AddWithValue("$summary", totals.SummaryJson);
            complete.Parameters.AddWithValue("$finished", totals.Finished.ToString("O", CultureInfo.InvariantCulture));
            complete.Parameters.AddWithValue("$id", runId);
            if (complete.ExecuteNonQuery() != 1)
            {
                throw new StoreException($"结果库 {Where} 中第 {runId} 次运行已不在写入状态（被另一次运行清除？） (run {runId} is no longer being written)");
            }

            if (totals.ReportJson is { } report)
            {
                using var insert = Command("INSERT INTO run_reports (run_id, format, report) VALUES ($id, $format, $report)", transaction);
                insert.Parameters.AddWithValue("$id", runId);
                insert.Parameters.AddWithValue("$format", Batch.Report.ReportJson.Format);
                insert.Parameters.AddWithValue("$report", report);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using (var cleanup = Begin())
        {
            DeleteLeftovers(run.Province, run.Year, cleanup);
            cleanup.Commit();
        }
    }

    public override void AbandonRun(long runId)
    {
        using var transaction = Begin();
        DeleteRows(runId, transaction);
        using var run = Command("DELETE FROM runs WHERE id = $id AND status = 'writing'", transaction);
        run.Parameters.AddWithValue("$id", runId);
        run.ExecuteNonQuery();
        transaction.Commit();
    }

    public override long? CompleteRunOf(string province, int year)
    {
        using var command = Command("SELECT id FROM runs WHERE province = $p AND year = $y AND status = 'complete'");
        command.Parameters.AddWithValue("$p", province);
        command.Parameters.AddWithValue("$y", year);
        return command.ExecuteScalar() is long id ? id : null;
    }

    public override IEnumerable<(string Id, string Level)> OrganisationLevels(long runId)
    {
        using var command = Command("SELECT subject_id, level FROM results WHERE row_key BETWEEN $first AND $last AND level IS NOT NULL ORDER BY row_key");
        KindRange(command, runId, ResultKind.Organisation);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetString(0), reader.GetString(1));
        }
    }

    public override IReadOnlyList<StoredRun> Runs(bool includeIncomplete)
    {
        using var command = Command(
            "SELECT id, province, year, grading_date, status, engine, schemes, coalesce(rows_read, 0), coalesce(graded, 0), coalesce(rejected, 0), started_at, finished_at FROM runs"
            + (includeIncomplete ? string.Empty : " WHERE status = 'complete'") + " ORDER BY year DESC, id DESC");
        using var reader = command.ExecuteReader();
        var runs = new List<StoredRun>();
        while (reader.Read())
        {
            runs.Add(new StoredRun(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(4),
                reader.GetString(5),
                RunJson.Schemes(reader.GetString(6)),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture),
                reader.IsDBNull(11) ? null : DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture)));
        }

        return runs;
    }

    public override IEnumerable<StoredResult> Results(long runId, ResultKind kind)
    {
        using var command = Command($"SELECT {ValueColumns} FROM results WHERE row_key BETWEEN $first AND $last ORDER BY row_key");
        KindRange(command, runId, kind);
        using var reader = command.ExecuteReader();
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (reader.Read())
        {
            yield return new StoredResult(reader.GetString(0), Text(1), Text(2), Store.JsonLists.Texts(Text(3)), Text(4), reader.GetDouble(5),
                Store.JsonLists.Numbers(reader.GetString(6)), Store.JsonLists.Texts(Text(7)), Store.JsonLists.Texts(Text(8)), Text(9), Text(10), Text(11), Text(12));
        }
    }

    public override void Dispose() => _connection.Dispose();

    /// <summary>Rows of runs of this province and year that are not complete: abandoned writing runs and replaced runs.</summary>
    private void DeleteLeftovers(string province, int year, SqliteTransaction transaction)
    {
        using var reports = Command("DELETE FROM run_reports WHERE run_id IN (SELECT id FROM runs WHERE province = $p AND year = $y AND status <> 'complete')", transaction);
        reports.Parameters.AddWithValue("$p", province);
        reports.Parameters.AddWithValue("$y", year);
        reports.ExecuteNonQuery();
        var left = new List<long>();
        using (var runIds = Command("SELECT id FROM runs WHERE province = $p AND year = $y AND status <> 'complete'", transaction))
        {
            runIds.Parameters.AddWithValue("$p", province);
            runIds.Parameters.AddWithValue("$y", year);
            using var reader = runIds.ExecuteReader();
            while (reader.Read())
            {
                left.Add(reader.GetInt64(0));
            }
        }

        foreach (var id in left)
        {
            DeleteRows(id, transaction);
        }

        using var runs = Command("DELETE FROM runs WHERE province = $p AND year = $y AND status <> 'complete'", transaction);
        runs.Parameters.AddWithValue("$p", province);
        runs.Parameters.AddWithValue("$y", year);
        runs.ExecuteNonQuery();
    }

    /// <summary>
    /// Switches the file to a rollback journal for the bulk write of a run's rows: in WAL mode every page of the run
    /// would be written twice (into the WAL, then by the checkpoint into the database: 2 GB for a province) and each
    /// page read looked up in a WAL index that grows with the run; with a rollback journal, pages added at the end of
    /// the file are written once and need no journal. Readers wait while the rows are written (they read again once
    /// the journal is back to WAL). False, and the file stays in WAL mode, when another connection has it open.
    /// </summary>
    private bool UseRollbackJournal()
    {
        // Through SQLite's own calls, once: Microsoft.Data.Sqlite retries a busy statement for its command timeout.
        _ = raw.sqlite3_busy_timeout(_connection.Handle!, 0);
        try
        {
            if (Pragma("journal_mode=TRUNCATE") is not "truncate")
            {
                return false;
            }

            Execute("PRAGMA synchronous=FULL"); // a rollback journal is only safe against power loss with FULL
            return true;
        }
        finally
        {
            _ = raw.sqlite3_busy_timeout(_connection.Handle!, 60_000);
        }
    }

    /// <summary>Runs a pragma once, without waiting for another connection's lock; its first value, or null when it failed.</summary>
    private string? Pragma(string pragma)
    {
        var db = _connection.Handle!;
        if (raw.sqlite3_prepare_v2(db, "PRAGMA " + pragma, out var statement) != raw.SQLITE_OK)
        {
            return null;
        }

        using (statement)
        {
            return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : null;
        }
    }

    /// <summary>Back to WAL mode (readers never wait for a writer) after a run's rows are written.</summary>
    private void UseWal()
    {
        _ = raw.sqlite3_busy_timeout(_connection.Handle!, 0);
        _ = Pragma("journal_mode=WAL"); // when a reader came in meanwhile, the file keeps its rollback journal until the next run
        _ = raw.sqlite3_busy_timeout(_connection.Handle!, 60_000);
        Execute("PRAGMA synchronous=NORMAL");
    }

    /// <summary>The key of a result row: the run's id, the kind and the row's number within the kind, in one integer (see <see cref="Schema3"/>).</summary>
    internal static long RowKey(long runId, ResultKind kind, int seq) => (runId << 34) | ((long)kind << 32) | (uint)seq;

    /// <summary>Binds <c>$first</c> and <c>$last</c> to the range of keys of a run's rows of one kind.</summary>
    private static void KindRange(SqliteCommand command, long runId, ResultKind kind)
    {
        command.Parameters.AddWithValue("$first", RowKey(runId, kind, 0));
        command.Parameters.AddWithValue("$last", RowKey(runId, kind, -1));
    }

    /// <summary>Deletes a run's result rows: one range of keys.</summary>
    private void DeleteRows(long runId, SqliteTransaction transaction)
    {
        using var rows = Command("DELETE FROM results WHERE row_key BETWEEN $first AND $last", transaction);
        rows.Parameters.AddWithValue("$first", runId << 34);
        rows.Parameters.AddWithValue("$last", (runId << 34) | ((1L << 34) - 1));
        rows.ExecuteNonQuery();
    }

    /// <summary>Begins a write transaction (BEGIN IMMEDIATE); commands made while it is open take part in it.</summary>
    private SqliteTransaction Begin() => _active = _connection.BeginTransaction(deferred: false);

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction ?? (_active?.Connection is null ? null : _active);
        return command;
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }
}
