using GradingEngine.Batch;
using GradingEngine.Batch.Report;

namespace GradingEngine.Store;

/// <summary>Grading a province into the results store.</summary>
public static class ProvinceGraderStoreExtensions
{
    /// <summary>
    /// Grades the files like <see cref="ProvinceGrader.Grade"/> (the result files are written as always) and records
    /// the run and every subject's result in <paramref name="store"/>: staged while it is written, switched in as the
    /// province's complete run of its year (replacing an earlier one) in one transaction once every row is in, before
    /// the result files are switched in. Last year's levels (上年等级, 升降) come from the store's complete run of the
    /// year before when it has one, else from the last-year file. A failed, cancelled or killed run leaves no complete
    /// run behind and the earlier one in place. The run's report is aggregated as its rows are committed and kept with
    /// the run, in the transaction that completes it (<see cref="StoredGrading.Report"/>, <see cref="ResultStore.Report"/>).
    /// </summary>
    /// <exception cref="StoreException">The store could not be written; the earlier run stays.</exception>
    public static StoredGrading Grade(this ProvinceGrader grader, ProvinceFiles files, string outputFolder, ResultStore store,
        StoreOptions? storeOptions = null, BatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grader);
        ArgumentNullException.ThrowIfNull(store);
        var run = options ?? grader.Defaults;
        var report = run.Report ?? new ReportCollector();
        var sink = new StoreSink(store.Backend, storeOptions ?? new StoreOptions(), report);
        var summary = grader.Grade(files, outputFolder, run with { Sinks = [.. run.Sinks, sink], LastYearSource = sink, Report = report }, cancellationToken);
        var runs = store.Runs();
        return new StoredGrading(
            summary,
            runs.First(r => r.Id == sink.RunId),
            runs.FirstOrDefault(r => r.Id == sink.LastYearRunId))
        {
            Report = report.Report,
        };
    }
}
