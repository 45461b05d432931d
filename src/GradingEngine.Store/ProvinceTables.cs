using GradingEngine.Batch;
using GradingEngine.Store.Tables;

namespace GradingEngine.Store;

/// <summary>
/// A province read from a database instead of files: tables or views <c>organisations</c>, <c>teams</c> and
/// <c>members</c> in SQLite or PostgreSQL, with the same column names as the files and the same checks (a bad row is
/// rejected with its table and key, never dropped), read as a stream, never loaded whole.
/// </summary>
public static class ProvinceTables
{
    /// <summary>The inputs named by their tables (pass with <see cref="ReadingTables"/>'s options).</summary>
    public static ProvinceFiles Tables { get; } = new("organisations", "teams", "members");

    /// <summary>Options that read the inputs from the database a connection string names (a SQLite file: <c>Data Source=x.db</c>; PostgreSQL: <c>Host=…;Database=…</c>).</summary>
    public static BatchOptions ReadingTables(this BatchOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return options with { Input = new TableInput(connectionString) };
    }
}
