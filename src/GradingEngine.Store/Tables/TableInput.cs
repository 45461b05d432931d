using System.Data;
using System.Data.Common;
using GradingEngine.Batch;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GradingEngine.Store.Tables;

/// <summary>
/// A province read from database tables or views (SQLite or PostgreSQL) named like the files — <c>organisations</c>,
/// <c>teams</c>, <c>members</c> — with the files' column names. Each is read with one streaming query in the table's
/// order and checked exactly as a CSV file is; errors.csv names the table, the row (2 for the first, as if the header
/// were row 1) and the row's key. PostgreSQL writes the rows as CSV itself (<see cref="PostgresCsvExport"/>); SQLite's
/// rows are written as CSV as they are read (<see cref="DataReaderCsvStream"/>).
/// </summary>
internal sealed class TableInput(string connectionString) : IInputSource
{
    public RecordFileReader Open(string name, RecordFileOptions options)
    {
        DbConnection connection = ResultStore.IsPostgres(connectionString)
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
        DbCommand? command = null;
        try
        {
            connection.Open();
            if (connection is NpgsqlConnection postgres)
            {
                // The server writes the rows as CSV; nothing per value on this side.
                return RecordFileReader.Open(PostgresCsvExport.Start(postgres, name), name, RecordFormat.Csv,
                    options with { Encoding = new System.Text.UTF8Encoding(false) });
            }

            command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            var reader = command.ExecuteReader(CommandBehavior.SequentialAccess);
            return RecordFileReader.Open(new DataReaderCsvStream(reader, command, connection), name, RecordFormat.Csv,
                options with { Encoding = new System.Text.UTF8Encoding(false) });
        }
        catch (DbException ex)
        {
            command?.Dispose();
            connection.Dispose();
            throw new BatchInputException($"无法读取数据库中的表或视图“{name}”：{ex.Message} (cannot read table or view '{name}')");
        }
    }

    public InputFingerprint Fingerprint(string kind, string name) =>
        new(kind, $"{Where()} {name}", -1, string.Empty);

    /// <summary>The database, without a password.</summary>
    private string Where()
    {
        if (ResultStore.IsPostgres(connectionString))
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
        }

        return "sqlite:" + Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
    }
}
