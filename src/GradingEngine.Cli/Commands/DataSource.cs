using GradingEngine.Batch;
using GradingEngine.Store;

namespace GradingEngine.Cli.Commands;

/// <summary>What <c>--data</c> names: a folder of files, or a database connection string (it holds <c>=</c>) whose tables are read.</summary>
internal static class DataSource
{
    /// <summary>Whether <paramref name="data"/> is a connection string rather than a folder.</summary>
    public static bool IsDatabase(string data) => data.Contains('=', StringComparison.Ordinal);

    /// <summary>The inputs <paramref name="data"/> names, and <paramref name="options"/> reading them from the database's tables when it is one.</summary>
    public static (ProvinceFiles Files, BatchOptions Options) Of(string data, BatchOptions options) =>
        IsDatabase(data) ? (ProvinceTables.Tables, options.ReadingTables(data)) : (ProvinceFiles.InFolder(data), options);
}
