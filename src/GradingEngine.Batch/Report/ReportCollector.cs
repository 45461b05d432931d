namespace GradingEngine.Batch.Report;

/// <summary>
/// A run's report, aggregated while the run commits its rows (give it to the run in <see cref="BatchOptions.Report"/>):
/// the same report <see cref="ProvinceReport.FromFolder"/> makes from the result files afterwards, without reading them.
/// Used by one run; read <see cref="Report"/> once the run has returned.
/// </summary>
public sealed class ReportCollector
{
    /// <summary>The run's report once its results are committed; null before, or when the run failed or was cancelled.</summary>
    public ProvinceReport? Report { get; internal set; }

    /// <summary>The report once every row is in and the summary is known, before the outputs commit (the store keeps it with the run).</summary>
    internal ProvinceReport? Completed { get; set; }
}
