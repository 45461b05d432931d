namespace GradingEngine.Store;

/// <summary>How a run is recorded in the store.</summary>
public sealed record StoreOptions
{
    /// <summary>The year graded; by default the grading date's year. Last year's levels come from the complete run of the year before.</summary>
    public int? Year { get; init; }

    /// <summary>The province; by default the organisations' one value of the first region column (省).</summary>
    public string? Province { get; init; }
}

/// <summary>A run graded and recorded in the store.</summary>
/// <param name="Summary">The run's summary.</param>
/// <param name="Run">The run as the store now holds it (complete).</param>
/// <param name="LastYear">The complete run of the year before whose levels were compared (上年等级, 升降), or null.</param>
public sealed record StoredGrading(Batch.Summary.BatchSummary Summary, StoredRun Run, StoredRun? LastYear)
{
    /// <summary>The run's report, aggregated as its rows were committed and kept with the run in the store.</summary>
    public Batch.Report.ProvinceReport? Report { get; init; }
}
