using GradingEngine.Batch.Output;

namespace GradingEngine.Store;

/// <summary>
/// One kind of database behind the store: its schema and migrations, how a run is staged, written in bulk and switched
/// in, and how runs are read back. A run is staged under status <c>writing</c> and becomes <c>complete</c> in one
/// transaction that also marks the earlier complete run of the same province and year <c>replaced</c>; readers see
/// complete runs only, and the rows of replaced and abandoned runs are deleted afterwards.
/// </summary>
internal abstract class StoreBackend : IDisposable
{
    /// <summary>The schema version this code creates and reads.</summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>Where the store is, for messages (a file, or host and database; never a password).</summary>
    public abstract string Where { get; }

    /// <summary>Whether lists (items, flags, measures, region) are stored as JSON text (SQLite) rather than arrays.</summary>
    public abstract bool JsonLists { get; }

    /// <summary>The schema version the database holds (0 when empty).</summary>
    public abstract int SchemaVersion();

    /// <summary>Creates the schema or brings it to <see cref="CurrentSchemaVersion"/>, in one transaction; does nothing when it is current.</summary>
    public abstract void Migrate();

    /// <summary>
    /// Records a new run as <c>writing</c> and returns its id, after deleting what earlier runs of the same province
    /// and year left (abandoned <c>writing</c> runs, <c>replaced</c> runs). Holds the province and year for this run
    /// until it is disposed, so two runs of one province and year take turns.
    /// </summary>
    public abstract long BeginRun(RunRecord run);

    /// <summary>Opens the bulk writer of the run's result rows (used on one thread).</summary>
    public abstract IStoreRowWriter OpenRows(long runId);

    /// <summary>
    /// Switches the run in, in one transaction: the earlier complete run of its province and year becomes
    /// <c>replaced</c>, this one <c>complete</c> with its counts, summary and end time; then deletes the replaced rows.
    /// </summary>
    public abstract void CompleteRun(long runId, RunRecord run, RunTotals totals);

    /// <summary>Deletes a run that will not complete (best effort: what is left is deleted by the next run of its province and year).</summary>
    public abstract void AbandonRun(long runId);

    /// <summary>The complete run of a province and year, or null.</summary>
    public abstract long? CompleteRunOf(string province, int year);

    /// <summary>The organisations' (id, level) of a run, in output order; withheld levels left out.</summary>
    public abstract IEnumerable<(string Id, string Level)> OrganisationLevels(long runId);

    /// <summary>Complete runs, newest year first.</summary>
    public abstract IReadOnlyList<StoredRun> Runs(bool includeIncomplete);

    /// <summary>The report document kept with a complete run (<c>run_reports</c>, from schema version 2): its format and JSON; null when the run has none.</summary>
    public abstract (int Format, string Json)? RunReport(long runId);

    /// <summary>What a report made from a complete run's rows needs of the run: its summary, region levels and item ids per kind; null when there is no such run.</summary>
    public abstract StoredRunFacts? RunFacts(long runId);

    /// <summary>A run's result rows of one kind, in output order, read as they stream (one row at a time), as the report reads them.</summary>
    public IEnumerable<Batch.Report.ResultRow> ReportRows(long runId, ResultKind kind) =>
        Results(runId, kind).Select(r => StoredReportRow.Of(r.Id, r.Organisation, r.Name, r.Region, r.Level, r.Total, r.Items, r.Flags, r.Measures, r.Quota, r.BottomRanking, r.LastYear));

    /// <summary>A run's result rows of one kind, in output order, as text (lists as JSON), for comparisons.</summary>
    public abstract IEnumerable<StoredResult> Results(long runId, ResultKind kind);

    public abstract void Dispose();
}

/// <summary>What a run records when it starts.</summary>
internal sealed record RunRecord(RunDescription Description, int Year, string Province, string ItemsJson);

/// <summary>The counts of a run, known when it ends, and its report's aggregates (<see cref="Batch.Report.ReportJson"/>) when the run collected them.</summary>
internal sealed record RunTotals(long RowsRead, long Graded, long Rejected, string SummaryJson, DateTimeOffset Finished, string? ReportJson = null);

/// <summary>What a complete run records beside its rows: the summary (JSON), the region columns and each kind's item ids (JSON).</summary>
internal sealed record StoredRunFacts(string SummaryJson, string RegionLevelsJson, string ItemsJson);

/// <summary>Writes result rows in bulk, on one thread.</summary>
internal interface IStoreRowWriter : IDisposable
{
    /// <summary>Writes one row whose lists are arrays (a store without <see cref="StoreBackend.JsonLists"/>: PostgreSQL).</summary>
    void Write(StoredRow row);

    /// <summary>Writes a batch of rows whose lists are JSON text (a store with <see cref="StoreBackend.JsonLists"/>: SQLite).</summary>
    void Write(TextRows rows);

    /// <summary>Every row written: makes them durable within the run (still unseen by readers until the run completes).</summary>
    void Finish();
}

/// <summary>One subject's result as the store keeps it.</summary>
internal sealed class StoredRow
{
    public ResultKind Kind;
    public int Seq;
    public required string Id;
    public string? Organisation;
    public string? Name;
    public string[]? Region;
    public string? Level;
    public double Total;
    public required double[] Items;
    public string[]? Flags;
    public string[]? Measures;
    public string? Quota;
    public string? BottomRanking;
    public string? LastYear;
    public string? Change;

}
