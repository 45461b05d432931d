using GradingEngine.Batch;
using GradingEngine.Batch.Report;
using GradingEngine.Store;
using GradingEngine.Tests.Batch;
using GradingEngine.Tests.Report;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GradingEngine.Tests.Store;

/// <summary>
/// The report of a stored run (SQLite and PostgreSQL): the aggregates the run kept are the report of its result files;
/// a run recorded before the store kept them (schema version 1) gets the same report from its rows; runs are chosen by
/// id, by year or as the latest; a run the store does not hold is named in the message.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class StoreReportTests
{
    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Report_KeptWithTheRun_IsTheReportOfTheResultFiles(string kind)
    {
        var output = ProvinceFixture.NewOutputFolder();
        using var store = StoreDatabases.Open(StoreDatabases.NewStore(kind, output));

        var graded = Grade(store, output, 2026);
        var stored = store.Report(graded.Run.Id);

        Assert.That(stored.FromRows, Is.False);
        Assert.That(stored.Run.Id, Is.EqualTo(graded.Run.Id));
        Assert.That(RunReportTests.Html(stored.Report), Is.EqualTo(RunReportTests.Html(ProvinceReport.FromFolder(output))));
        Assert.That(RunReportTests.Html(graded.Report!), Is.EqualTo(RunReportTests.Html(stored.Report)));
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Report_RunRecordedBeforeSchemaVersion2_IsAggregatedFromItsRows_TheSameReport(string kind)
    {
        var output = ProvinceFixture.NewOutputFolder();
        var connection = StoreDatabases.NewStore(kind, output);
        long run;
        using (var store = StoreDatabases.Open(connection))
        {
            run = Grade(store, output, 2026).Run.Id;
        }

        MakeVersion1(kind, connection);
        using (var store = StoreDatabases.Open(connection))
        {
            Assert.That(store.SchemaVersion, Is.EqualTo(3), "migrated again");
            var stored = store.Report(run);

            Assert.That(stored.FromRows, Is.True);
            Assert.That(RunReportTests.Html(stored.Report), Is.EqualTo(RunReportTests.Html(ProvinceReport.FromFolder(output))));
        }
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Report_ByIdYearOrLatest_PicksThatRun(string kind)
    {
        var output = ProvinceFixture.NewOutputFolder();
        using var store = StoreDatabases.Open(StoreDatabases.NewStore(kind, output));
        var first = Grade(store, output, 2026).Run.Id;
        var second = Grade(store, output, 2027).Run.Id;

        Assert.That(store.LatestReport().Run.Id, Is.EqualTo(second));
        Assert.That(store.LatestReport(2026).Run.Id, Is.EqualTo(first));
        Assert.That(store.Report(first).Run.Year, Is.EqualTo(2026));
        Assert.That(store.Report(second).Report.YearOverYear, Is.Not.Null, "2027 is compared with the store's 2026 run");
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Report_NoSuchRun_SaysWhatTheStoreHolds(string kind)
    {
        var output = ProvinceFixture.NewOutputFolder();
        using var store = StoreDatabases.Open(StoreDatabases.NewStore(kind, output));

        var empty = Assert.Throws<StoreException>(() => store.LatestReport());
        var run = Grade(store, output, 2026).Run.Id;
        var missing = Assert.Throws<StoreException>(() => store.Report(run + 100));
        var year = Assert.Throws<StoreException>(() => store.LatestReport(1999));

        Assert.That(empty!.Message, Does.Contain("还没有完整的评定").And.Contain("no complete run"));
        Assert.That(missing!.Message, Does.Contain($"没有第 {run + 100} 次运行").And.Contain($"第 {run} 次").And.Contain("2026 年"));
        Assert.That(year!.Message, Does.Contain("没有 1999 年").And.Contain("(the store holds no complete run of 1999)"));
    }

    /// <summary>The ids of the runs whose report the store keeps (<c>run_reports</c>).</summary>
    internal static List<long> KeptReports(string connection)
    {
        var ids = new List<long>();
        using var command = Command(connection, "SELECT run_id FROM run_reports ORDER BY run_id");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        command.Connection!.Dispose();
        return ids;
    }

    private static StoredGrading Grade(ResultStore store, string output, int year) =>
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(ReportProvince.Data), output, store, new StoreOptions { Year = year }, new BatchOptions { Threads = 2 });

    /// <summary>Takes the store back to schema version 1, as a store the tool wrote before it kept reports.</summary>
    private static void MakeVersion1(string kind, string connection)
    {
        foreach (var sql in new[] { "DROP TABLE run_reports", "DELETE FROM schema_version WHERE version >= 2" })
        {
            using var command = Command(connection, sql);
            command.ExecuteNonQuery();
            command.Connection!.Dispose();
        }

        Assert.That(kind, Is.AnyOf("sqlite", "postgres"));
    }

    private static System.Data.Common.DbCommand Command(string connection, string sql)
    {
        System.Data.Common.DbConnection open = ResultStore.IsPostgres(connection)
            ? new NpgsqlConnection(connection)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connection) { Pooling = false }.ToString());
        open.Open();
        var command = open.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
