using GradingEngine.Grading;
using GradingEngine.Store.Postgres;
using GradingEngine.Store.Sqlite;

namespace GradingEngine.Store;

/// <summary>
/// Where province runs and every subject's result are kept: a SQLite file (embedded, no set-up; by default
/// <see cref="DefaultFileName"/> in the results folder) or a PostgreSQL database. Opening a store creates its schema or
/// migrates it to this version (a <c>schema_version</c> table says which). Runs are recorded by
/// <see cref="ProvinceGraderStoreExtensions.Grade"/>; readers see complete runs only (the <c>complete_runs</c> and
/// <c>current_results</c> views).
/// </summary>
/// <remarks>One open store serves one run at a time; it is not thread-safe.</remarks>
public sealed class ResultStore : IDisposable
{
    /// <summary>The SQLite file a run writes into its results folder when given no store.</summary>
    public const string DefaultFileName = "results.db";

    private ResultStore(StoreBackend backend)
    {
        Backend = backend;
    }

    /// <summary>Where the store is: the SQLite file's full path, or PostgreSQL host and database (never a password).</summary>
    public string Where => Backend.Where;

    /// <summary>The schema version the store holds (the tool's after opening).</summary>
    public int SchemaVersion => Backend.SchemaVersion();

    internal StoreBackend Backend { get; }

    /// <summary>
    /// Opens a store: a PostgreSQL connection string (<c>Host=…;Database=…;Username=…</c>), a SQLite one
    /// (<c>Data Source=results.db</c>) or a path to a SQLite file, which is created if missing. Creates or migrates the schema.
    /// </summary>
    /// <exception cref="StoreException">The store cannot be reached, or its schema is newer than this tool's.</exception>
    public static ResultStore Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        StoreBackend backend = IsPostgres(connectionString)
            ? new PostgresBackend(connectionString)
            : new SqliteBackend(connectionString.Contains('=', StringComparison.Ordinal) ? connectionString : $"Data Source={connectionString}");
        try
        {
            backend.Migrate();
            return new ResultStore(backend);
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a store that exists, to read it (see <see cref="Open"/>, which it migrates like): a SQLite file that is
    /// missing is refused rather than created.
    /// </summary>
    /// <exception cref="StoreException">The SQLite file does not exist, the store cannot be reached, or its schema is newer than this tool's.</exception>
    public static ResultStore OpenExisting(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (SqliteFile(connectionString) is { } file)
        {
            if (!File.Exists(file))
            {
                throw new StoreException($"结果库文件“{file}”不存在 (the results store file '{file}' does not exist)");
            }
        }

        return Open(connectionString);
    }

    /// <summary>Opens (creating it if needed) the SQLite store <see cref="DefaultFileName"/> in a results folder.</summary>
    public static ResultStore InFolder(string resultsFolder) => Open("Data Source=" + Path.Combine(resultsFolder, DefaultFileName));

    /// <summary>The SQLite file a store's connection string (or path) names; null for a PostgreSQL server.</summary>
    public static string? SqliteFile(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return IsPostgres(connectionString) ? null
            : connectionString.Contains('=', StringComparison.Ordinal) ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource
            : connectionString;
    }

    /// <summary>Whether a connection string names a PostgreSQL server rather than a SQLite file.</summary>
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("host=", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("server=", StringComparison.OrdinalIgnoreCase);

    /// <summary>The complete runs, newest year first (with <paramref name="includeIncomplete"/>, also runs being written or left by a killed run, and replaced ones not yet deleted).</summary>
    public IReadOnlyList<StoredRun> Runs(bool includeIncomplete = false) => Backend.Runs(includeIncomplete);

    /// <summary>
    /// The report of the complete run <paramref name="runId"/>: the aggregates the run kept in the store, or, for a run
    /// recorded before the store kept them (schema version 1; <see cref="StoredReport.FromRows"/>), aggregated from its
    /// result rows as they stream, with the schemes of <paramref name="catalogue"/> (by default the shipped ones).
    /// </summary>
    /// <exception cref="StoreException">The store holds no complete run of that id.</exception>
    /// <exception cref="ArgumentException">Aggregated from the rows: the catalogue has no scheme of the id and version the run used.</exception>
    public StoredReport Report(long runId, SchemeCatalogue? catalogue = null) =>
        StoreReports.Report(Backend, StoreReports.Run(Backend, runId), catalogue ?? SchemeCatalogue.Shipped);

    /// <summary>The report (see <see cref="Report"/>) of the complete run recorded last, of <paramref name="year"/> when given.</summary>
    /// <exception cref="StoreException">The store holds no complete run (of that year).</exception>
    /// <exception cref="ArgumentException">Aggregated from the rows: the catalogue has no scheme of the id and version the run used.</exception>
    public StoredReport LatestReport(int? year = null, SchemeCatalogue? catalogue = null) =>
        StoreReports.Report(Backend, StoreReports.Latest(Backend, year), catalogue ?? SchemeCatalogue.Shipped);

    /// <summary>Closes the connection.</summary>
    public void Dispose() => Backend.Dispose();
}
