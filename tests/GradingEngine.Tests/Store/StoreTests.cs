using GradingEngine.Batch;
using GradingEngine.Batch.Output;
using GradingEngine.Expressions;
using GradingEngine.Samples;
using GradingEngine.Store;
using GradingEngine.Tests.Batch;
using Microsoft.Data.Sqlite;

namespace GradingEngine.Tests.Store;

/// <summary>The results store: what it holds is what the CSV files hold; years; reruns; its schema.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StoreTests
{
    private static readonly SampleProvinceOptions Small = new() { Organisations = 60, CorruptRowsPerFile = 2 };

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_TheStoreHoldsEveryRowTheCsvFilesHold(string kind) => StoreHoldsTheCsvRows(kind, memberMeasures: false);

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_WithMemberMeasures_TheStoreHoldsEveryRowTheCsvFilesHold(string kind) => StoreHoldsTheCsvRows(kind, memberMeasures: true);

    private static void StoreHoldsTheCsvRows(string kind, bool memberMeasures)
    {
        var (data, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        using var store = StoreDatabases.Open(StoreDatabases.NewStore(kind, output));

        var graded = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, store, new StoreOptions { Year = 2026 }, new BatchOptions { MemberMeasures = memberMeasures });

        Assert.That(graded.Run.Status, Is.EqualTo("complete"));
        Assert.That(graded.Run.Year, Is.EqualTo(2026));
        Assert.That(graded.Run.Graded, Is.EqualTo(graded.Summary.Files.Sum(f => f.Graded)));
        Assert.That(graded.Run.Rejected, Is.GreaterThan(0));
        Assert.That(graded.Run.Schemes[0], Does.StartWith("org-sanfenlei "));
        foreach (var (result, name) in new[] { (ResultKind.Organisation, "organisations"), (ResultKind.Team, "teams"), (ResultKind.Member, "members") })
        {
            var csv = File.ReadAllLines(Path.Combine(output, name + ".csv")).Skip(1).ToArray();
            var measures = name != "members" || memberMeasures;
            var stored = store.Backend.Results(graded.Run.Id, result).Select(r => CsvLine(r, result, name == "members" && csv.Length > 0 && HasQuotaColumn(output), measures)).ToArray();
            Assert.That(stored, Is.EqualTo(csv), $"{name}: the store's rows written as CSV are the file's rows");
            Assert.That(store.Backend.Results(graded.Run.Id, result).Any(r => r.Measures is not null), Is.EqualTo(measures), $"{name}: measures stored");
        }
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_NextYear_TakesLastYearsLevelsFromTheStore(string kind)
    {
        var (data, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        using var store = StoreDatabases.Open(StoreDatabases.NewStore(kind, output));
        var files = ProvinceFiles.InFolder(data) with { LastYear = null };
        var first = ProvinceFixture.Grader.Grade(files, output, store, new StoreOptions { Year = 2025 });

        var second = ProvinceFixture.Grader.Grade(files, output, store, new StoreOptions { Year = 2026 });

        Assert.That(second.LastYear?.Id, Is.EqualTo(first.Run.Id));
        var levels = store.Backend.Results(first.Run.Id, ResultKind.Organisation).ToDictionary(r => r.Id, r => r.Level);
        var now = store.Backend.Results(second.Run.Id, ResultKind.Organisation).ToList();
        Assert.That(now, Is.Not.Empty);
        Assert.That(now.Select(r => r.LastYear), Is.EqualTo(now.Select(r => levels[r.Id])), "上年等级 is last year's level in the store");
        Assert.That(now.Select(r => r.Change), Is.All.EqualTo("持平"), "the same data graded again: every organisation keeps its level");
        Assert.That(second.Summary.Files.Single(f => f.Kind == "上年结果").File, Does.Contain("2025"));
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_SameYearAgain_ReplacesTheRunWithIdenticalRows(string kind)
    {
        var (data, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        using var store = StoreDatabases.Open(StoreDatabases.NewStore(kind, output));
        var first = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, store, new StoreOptions { Year = 2026 });
        var before = AllRows(store, first.Run.Id);

        var again = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, store, new StoreOptions { Year = 2026 });

        Assert.That(store.Runs(includeIncomplete: true).Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { (again.Run.Id, "complete") }), "the earlier run is replaced and deleted");
        Assert.That(AllRows(store, again.Run.Id), Is.EqualTo(before));
        Assert.That(AllRows(store, first.Run.Id), Is.Empty);
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Open_EmptyDatabase_CreatesTheSchema_AndReopeningChangesNothing(string kind)
    {
        var connection = StoreDatabases.NewStore(kind, ProvinceFixture.NewOutputFolder());
        using (var store = StoreDatabases.Open(connection))
        {
            Assert.That(store.SchemaVersion, Is.EqualTo(3));
            Assert.That(store.Runs(includeIncomplete: true), Is.Empty);
        }

        using (var again = StoreDatabases.Open(connection))
        {
            again.Backend.Migrate();
            Assert.That(again.SchemaVersion, Is.EqualTo(3));
        }
    }

    [Test]
    public void Open_SchemaNewerThanTheTool_IsRefusedWithTheVersions()
    {
        var file = Path.Combine(ProvinceFixture.NewOutputFolder(), "results.db");
        ResultStore.Open(file).Dispose();
        using (var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False"))
        {
            connection.Open();
            using var command = new SqliteCommand("INSERT INTO schema_version VALUES (99, 'later')", connection);
            command.ExecuteNonQuery();
        }

        var problem = Assert.Throws<StoreException>(() => ResultStore.Open(file));
        Assert.That(problem!.Message, Does.Contain("99").And.Contain(file));
    }

    [Test]
    public void SqliteRows_AreWrittenOnARollbackJournal_AndTheFileGoesBackToWalMode()
    {
        var file = Path.Combine(ProvinceFixture.NewOutputFolder(), "results.db");
        using var store = ResultStore.Open(file);
        Assert.That(FileFormat(file), Is.EqualTo(2), "a store is a WAL file");

        using (store.Backend.OpenRows(runId: 1))
        {
            Assert.That(FileFormat(file), Is.EqualTo(1), "while a run's rows are written, pages are added once, into the file, not into the WAL and again");
        }

        Assert.That(FileFormat(file), Is.EqualTo(2), "readers never wait for a writer outside a run's bulk write");
        Assert.That(JournalMode(file), Is.EqualTo("wal"));
    }

    [Test]
    public void Grade_Sqlite_WhileAnotherConnectionHasTheFileOpen_StaysInWalMode_AndStoresTheSameRows()
    {
        var (data, _) = ProvinceFixture.Province(Small);
        var alone = ProvinceFixture.NewOutputFolder();
        using var first = ResultStore.Open(Path.Combine(alone, "results.db"));
        var expected = AllRows(first, ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), alone, first, new StoreOptions { Year = 2026 }).Run.Id);
        var output = ProvinceFixture.NewOutputFolder();
        var file = Path.Combine(output, "results.db");
        using var store = ResultStore.Open(file);
        using var reader = new SqliteConnection("Data Source=" + file + ";Pooling=False");
        reader.Open();
        using (var read = new SqliteCommand("SELECT count(*) FROM runs", reader))
        {
            read.ExecuteScalar();
        }

        var graded = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, store, new StoreOptions { Year = 2026 });

        Assert.That(AllRows(store, graded.Run.Id), Is.EqualTo(expected));
        Assert.That(JournalMode(file), Is.EqualTo("wal"));
    }

    [Test]
    public void Open_SqliteStoreOfSchemaVersion2_MovesItsRowsToKeyedRows_Unchanged()
    {
        var (data, _) = ProvinceFixture.Province(Small);
        var output = ProvinceFixture.NewOutputFolder();
        var file = Path.Combine(output, "results.db");
        long runId;
        List<string> expected;
        using (var store = ResultStore.Open(file))
        {
            runId = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), output, store, new StoreOptions { Year = 2026 }).Run.Id;
            expected = AllRows(store, runId);
        }

        // The rows as version 2 kept them: a WITHOUT ROWID table on (run_id, kind, seq).
        using (var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False"))
        {
            connection.Open();
            foreach (var sql in new[]
            {
                "CREATE TABLE results_v2 (run_id INTEGER NOT NULL, kind INTEGER NOT NULL, seq INTEGER NOT NULL, subject_id TEXT NOT NULL, organisation_id TEXT, name TEXT, region TEXT, level TEXT, total REAL NOT NULL, items TEXT NOT NULL, flags TEXT, measures TEXT, quota TEXT, bottom_ranking TEXT, last_year TEXT, change TEXT, PRIMARY KEY (run_id, kind, seq)) WITHOUT ROWID",
                "INSERT INTO results_v2 SELECT run_id, kind, seq, subject_id, organisation_id, name, region, level, total, items, flags, measures, quota, bottom_ranking, last_year, change FROM results",
                "DROP VIEW current_results",
                "DROP TABLE results",
                "ALTER TABLE results_v2 RENAME TO results",
                "CREATE VIEW current_results AS SELECT u.province, u.year, k.label AS kind_label, r.* FROM results r JOIN runs u ON u.id = r.run_id JOIN subject_kinds k ON k.kind = r.kind WHERE u.status = 'complete'",
                "DELETE FROM schema_version WHERE version = 3",
            })
            {
                using var command = new SqliteCommand(sql, connection);
                command.ExecuteNonQuery();
            }
        }

        using var migrated = ResultStore.Open(file);

        Assert.That(migrated.SchemaVersion, Is.EqualTo(3));
        Assert.That(AllRows(migrated, runId), Is.EqualTo(expected));
        using var check = new SqliteConnection("Data Source=" + file + ";Pooling=False");
        check.Open();
        using var view = new SqliteCommand("SELECT count(*), min(seq), max(kind), min(run_id) FROM current_results", check);
        using var reader = view.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        Assert.That((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)), Is.EqualTo((expected.Count, 1L, 3L, runId)), "the view still shows run_id, kind and seq");
    }

    /// <summary>The file format of a SQLite database, from its header (bytes 18 and 19): 1 rollback journal, 2 WAL.</summary>
    private static int FileFormat(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[20];
        stream.ReadExactly(header);
        Assert.That(header[19], Is.EqualTo(header[18]));
        return header[18];
    }

    private static string JournalMode(string file)
    {
        using var connection = new SqliteConnection("Data Source=" + file + ";Pooling=False");
        connection.Open();
        using var command = new SqliteCommand("PRAGMA journal_mode", connection);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Every row of a run, every kind, as CSV-like lines.</summary>
    internal static List<string> AllRows(ResultStore store, long run) =>
        [.. new[] { ResultKind.Team, ResultKind.Member, ResultKind.Organisation }.SelectMany(k => store.Backend.Results(run, k).Select(r => CsvLine(r, k, quota: true)))];

    private static bool HasQuotaColumn(string output) => File.ReadLines(Path.Combine(output, "members.csv")).First().EndsWith("名额调整", StringComparison.Ordinal);

    /// <summary>A stored row written as the CSV results write it (with a 措施 cell when <paramref name="measures"/>).</summary>
    internal static string CsvLine(StoredResult row, ResultKind kind, bool quota, bool measures = true)
    {
        var line = new CharBuffer();
        void Text(string? text)
        {
            line.AppendCsv(text ?? string.Empty);
        }

        void Joined(string[]? texts, string separator) => Text(texts is null ? null : string.Join(separator, texts));
        if (kind == ResultKind.Organisation)
        {
            Text(row.Id);
            line.Append(',');
            Text(row.Name);
            foreach (var region in row.Region ?? [])
            {
                line.Append(',');
                Text(region);
            }
        }
        else if (kind == ResultKind.Member)
        {
            Text(row.Id);
            line.Append(',');
            Text(row.Organisation);
        }
        else
        {
            Text(row.Id);
        }

        line.Append(',');
        Text(row.Level);
        line.Append(',');
        line.Append(ValueFormatter.FormatNumber(row.Total));
        foreach (var item in row.Items)
        {
            line.Append(',');
            line.Append(ValueFormatter.FormatNumber(item));
        }

        line.Append(',');
        Joined(row.Flags, "、");
        if (measures)
        {
            line.Append(',');
            Joined(row.Measures, "；");
        }

        if (kind == ResultKind.Organisation)
        {
            foreach (var text in new[] { row.Quota, row.BottomRanking, row.LastYear, row.Change })
            {
                line.Append(',');
                Text(text);
            }
        }
        else if (kind == ResultKind.Member && quota)
        {
            line.Append(',');
            Text(row.Quota);
        }

        return line.Span.ToString();
    }
}
