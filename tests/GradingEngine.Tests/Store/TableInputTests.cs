using System.Data.Common;
using GradingEngine.Batch;
using GradingEngine.Batch.Input;
using GradingEngine.Samples;
using GradingEngine.Store;
using GradingEngine.Tests.Batch;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GradingEngine.Tests.Store;

/// <summary>A province read from database tables: the same results, byte for byte, as from its CSV files; bad rows named by table and key.</summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class TableInputTests
{
    private static readonly string[] Results = ["organisations.csv", "teams.csv", "members.csv"];

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_FromTables_WritesTheBytesTheCsvFilesGive(string kind)
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 40, LastYear = false });
        var database = Load(kind, data);
        var fromFiles = ProvinceFixture.NewOutputFolder();
        var fromTables = ProvinceFixture.NewOutputFolder();

        var files = ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), fromFiles);
        var tables = ProvinceFixture.Grader.Grade(ProvinceTables.Tables, fromTables, new BatchOptions().ReadingTables(database));

        Assert.That(tables.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected)), Is.EqualTo(files.Files.Select(f => (f.RowsRead, f.Graded, f.Rejected))));
        Assert.That(tables.Files.All(f => f.Reconciles));
        foreach (var name in Results)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(fromTables, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fromFiles, name))), name);
        }
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_FromTables_ABadRowIsRejectedWithItsTableRowAndKey(string kind)
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 40, LastYear = false });
        var database = Load(kind, data);
        string member;
        using (var connection = Connect(kind, database))
        {
            connection.Open();
            using var first = connection.CreateCommand();
            first.CommandText = "SELECT \"党员编号\" FROM members LIMIT 1 OFFSET 4";
            member = (string)first.ExecuteScalar()!;
            using var update = connection.CreateCommand();
            update.CommandText = $"UPDATE members SET \"{Column(data)}\" = '十二' WHERE \"党员编号\" = '{member}'";
            Assert.That(update.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var output = ProvinceFixture.NewOutputFolder();
        var summary = ProvinceFixture.Grader.Grade(ProvinceTables.Tables, output, new BatchOptions().ReadingTables(database));

        Assert.That(summary.Files.Single(f => f.Kind == "党员").Rejected, Is.EqualTo(1));
        var error = File.ReadAllLines(Path.Combine(output, "errors.csv")).Skip(1).Single();
        // The row number is the row's place in the table's order, counting the header as row 1 (PostgreSQL moves an updated row to the end).
        Assert.That(error, Does.Match(kind == "sqlite" ? "^members,6,3," : "^members,[0-9]+,3,").And.Contain(member).And.Contain("十二"), "the table, the row, the column and the member's id");
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Grade_FromTypedColumns_WritesTheBytesTheCsvFilesGive(string kind)
    {
        // Integers, a boolean and a date-less numeric column as a database holds them: the same values as the files' text.
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 40, LastYear = false });
        var database = Load(kind, data);
        using (var connection = Connect(kind, database))
        {
            connection.Open();
            using var alter = connection.CreateCommand();
            alter.CommandText = kind == "sqlite"
                ? "UPDATE members SET \"应参加组织生活次数\" = CAST(\"应参加组织生活次数\" AS INTEGER), \"有正当理由\" = CASE \"有正当理由\" WHEN '是' THEN 1 ELSE 0 END"
                : """
                  ALTER TABLE members ALTER COLUMN "应参加组织生活次数" TYPE integer USING "应参加组织生活次数"::integer,
                      ALTER COLUMN "有正当理由" TYPE boolean USING "有正当理由" = '是',
                      ALTER COLUMN "民主测评有效票数" TYPE numeric USING "民主测评有效票数"::numeric
                  """;
            alter.ExecuteNonQuery();
        }

        var fromFiles = ProvinceFixture.NewOutputFolder();
        var fromTables = ProvinceFixture.NewOutputFolder();

        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), fromFiles);
        var tables = ProvinceFixture.Grader.Grade(ProvinceTables.Tables, fromTables, new BatchOptions().ReadingTables(database));

        Assert.That(tables.Files.Sum(f => f.Rejected), Is.Zero);
        foreach (var name in Results)
        {
            Assert.That(File.ReadAllBytes(Path.Combine(fromTables, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(fromFiles, name))), name);
        }
    }

    [TestCaseSource(typeof(StoreDatabases), nameof(StoreDatabases.Kinds))]
    public void Explain_FromTables_SaysWhatItSaysFromTheFiles(string kind)
    {
        var (data, _) = ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 40, LastYear = false });
        var database = Load(kind, data);
        var id = File.ReadLines(Path.Combine(data, "organisations.csv")).ElementAt(3).Split(',')[0];

        var (filesCode, fromFiles) = Explain(id, data);
        var (tablesCode, fromTables) = Explain(id, database);

        Assert.That((filesCode, tablesCode), Is.EqualTo((0, 0)));
        Assert.That(fromTables, Is.EqualTo(fromFiles).And.Contain(id));
    }

    private static (int Code, string Output) Explain(string id, string data)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = GradingEngine.Cli.Program.Run(["explain", id, "--data", data, "--threads", "2"], output, error);
        return (code, output + error.ToString());
    }

    /// <summary>A numeric input column of the members file.</summary>
    private static string Column(string data) =>
        File.ReadLines(Path.Combine(data, "members.csv")).First().TrimStart('\uFEFF').Split(',')[2];

    private static DbConnection Connect(string kind, string database) =>
        kind == "sqlite" ? new SqliteConnection(database) : new NpgsqlConnection(database);

    /// <summary>The province's CSV files as tables of text columns, rows in file order.</summary>
    private static string Load(string kind, string data)
    {
        var database = kind == "sqlite" ? "Data Source=" + Path.Combine(ProvinceFixture.NewOutputFolder(), "province.db") + ";Pooling=False" : StoreDatabases.NewPostgresSchema();
        using var connection = Connect(kind, database);
        connection.Open();
        foreach (var table in new[] { "organisations", "teams", "members" })
        {
            using var reader = RecordFileReader.Open(Path.Combine(data, table + ".csv"));
            var columns = reader.Header;
            using (var create = connection.CreateCommand())
            {
                create.CommandText = $"CREATE TABLE {table} ({string.Join(", ", columns.Select(c => $"\"{c}\" text"))})";
                create.ExecuteNonQuery();
            }

            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} VALUES ({string.Join(", ", columns.Select((_, i) => kind == "sqlite" ? $"$p{i}" : $"${i + 1}"))})";
            var parameters = columns.Select((_, i) =>
            {
                var p = insert.CreateParameter();
                if (kind == "sqlite")
                {
                    p.ParameterName = $"$p{i}";
                }

                insert.Parameters.Add(p);
                return p;
            }).ToArray();
            var block = reader.NewBlock();
            while (reader.ReadBlock(block))
            {
                for (var r = 0; r < block.Count; r++)
                {
                    for (var f = 0; f < parameters.Length; f++)
                    {
                        var cell = f < block.FieldCount(r) ? block.Field(r, f).ToString() : string.Empty;
                        parameters[f].Value = cell.Length == 0 ? DBNull.Value : cell;
                    }

                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        return database;
    }
}
