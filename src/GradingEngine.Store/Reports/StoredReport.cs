using GradingEngine.Batch.Report;

namespace GradingEngine.Store;

/// <summary>The report of a run recorded in the store.</summary>
/// <param name="Run">The run.</param>
/// <param name="Report">Its report.</param>
/// <param name="FromRows">
/// False when the report's aggregates were kept with the run (every run recorded from schema version 2 on); true when
/// the run was recorded before (schema version 1) and the report was aggregated from its result rows, read as they stream.
/// </param>
public sealed record StoredReport(StoredRun Run, ProvinceReport Report, bool FromRows);
